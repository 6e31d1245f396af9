import os

async def func(mode):
    os.spawnl(mode, "foo")
