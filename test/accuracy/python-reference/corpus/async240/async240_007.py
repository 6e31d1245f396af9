import os

async def func():
    os.path.splitroot("a")
    os.path.samestat(None, None)
