async def foo():
    with open("x") as f:
        f.readline()  # flake8-async: ASYNC232
