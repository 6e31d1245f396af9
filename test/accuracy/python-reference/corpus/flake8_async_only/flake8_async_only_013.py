async def foo():
    f = open("x")
    f.read()  # flake8-async: ASYNC232
