import os

async def func():
    os.spawnl(0, "foo")
    os.spawnl(1, "foo")
