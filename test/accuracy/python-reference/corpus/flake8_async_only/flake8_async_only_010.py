import io

async def foo(f: io.BufferedReader):
    f.read()  # flake8-async: ASYNC232
