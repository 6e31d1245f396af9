import io

async def foo(f: io.BufferedWriter):
    f.write(b"x")  # flake8-async: ASYNC232
