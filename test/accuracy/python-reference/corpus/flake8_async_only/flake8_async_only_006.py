import os

async def foo():
    os.fdopen(0)  # flake8-async: ASYNC231
