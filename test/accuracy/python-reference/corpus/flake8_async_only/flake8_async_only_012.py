import io

async def foo(f: io.BufferedRandom):
    f.seek(0)  # flake8-async: ASYNC232
