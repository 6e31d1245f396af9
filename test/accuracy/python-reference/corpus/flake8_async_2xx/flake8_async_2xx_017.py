async def foo():
    input()  # flake8-async: ASYNC250
