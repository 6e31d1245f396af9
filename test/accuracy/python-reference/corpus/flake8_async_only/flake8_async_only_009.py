import io

async def foo(f: io.TextIOWrapper):
    f.read()  # flake8-async: ASYNC232
    f.write("x")  # flake8-async: ASYNC232
