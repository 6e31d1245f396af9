import os.path

async def foo():
    os.path.islink("")  # flake8-async: ASYNC240
    os.path.lexists("")  # flake8-async: ASYNC240
    os.path.ismount("")  # flake8-async: ASYNC240
    os.path.realpath("")  # flake8-async: ASYNC240
    os.path.getmtime("")  # flake8-async: ASYNC240
    os.path.samefile("a", "b")  # flake8-async: ASYNC240
    os.path.relpath("a")  # flake8-async: ASYNC240
