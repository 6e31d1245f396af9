import os

async def func():
    os.spawnv(os.P_WAIT, "a", [])
    os.spawnvp(os.P_WAIT, "a", [])
