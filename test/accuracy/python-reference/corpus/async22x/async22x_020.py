import os

async def func():
    P_WAIT = os.P_WAIT
    os.spawnl(P_WAIT, "foo")
