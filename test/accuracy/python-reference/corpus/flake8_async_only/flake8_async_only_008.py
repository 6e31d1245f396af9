from os import fdopen

async def foo():
    fdopen(1)  # flake8-async: ASYNC231
