import io

async def func(fh: io.TextIOWrapper):
    fh.read()  # flake8-async: ASYNC232
