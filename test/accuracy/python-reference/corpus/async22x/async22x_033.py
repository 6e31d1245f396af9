import os

async def foo():
    P_NOWAIT = os.P_NOWAIT

    os.spawnl(os.P_NOWAIT)
    os.spawnl(P_NOWAIT)
    os.spawnl(mode=os.P_NOWAIT)
    os.spawnl(mode=P_NOWAIT)

    P_WAIT = os.P_WAIT

    os.spawnl(P_WAIT)
    os.spawnl(mode=os.P_WAIT)
    os.spawnl(mode=P_WAIT)

    os.spawnl(0)
    os.spawnl(1)
    os.spawnl(foo())
