import os

async def func():
    os.spawnl("foo")
