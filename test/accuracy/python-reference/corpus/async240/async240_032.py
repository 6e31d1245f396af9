import os

async def func():
    os.path.normpath("a")
