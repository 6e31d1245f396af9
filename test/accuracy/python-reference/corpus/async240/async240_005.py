import os

async def func():
    os.path.basename("a")
    os.path.commonpath(["a"])
    os.path.commonprefix(["a"])
    os.path.dirname("a")
    os.path.expandvars("a")
