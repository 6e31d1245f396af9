import os

async def func():
    os.spawnl(os.P_DETACH, "foo")
    os.spawnl(os.P_OVERLAY, "foo")
