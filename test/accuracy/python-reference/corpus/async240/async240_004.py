import os

async def func():
    os.path.realpath("a")
    os.path.relpath("a")
    os.path.samefile("a", "b")
    os.path.sameopenfile(1, 2)
