import os

async def func():
    os.spawnl(os.P_NOWAIT, "foo")
    os.spawnl(os.P_WAIT, "foo")
