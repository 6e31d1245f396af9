import os.path
from os.path import exists, isfile

async def foo():
    os.path.exists("")  # flake8-async: ASYNC240
    exists("")  # flake8-async: ASYNC240
    isfile("")  # flake8-async: ASYNC240
    os.path.join("a", "b")
