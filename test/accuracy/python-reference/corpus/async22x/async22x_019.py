import os
from os import P_NOWAIT, P_WAIT

async def func():
    os.spawnl(P_NOWAIT, "foo")
    os.spawnl(P_WAIT, "foo")
