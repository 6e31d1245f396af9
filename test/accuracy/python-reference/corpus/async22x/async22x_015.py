import os

async def func():
    os.spawnl(mode=os.P_NOWAIT)
    os.spawnl(mode=os.P_WAIT)
