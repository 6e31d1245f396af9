import os

async def foo():
    os.spawnl(os.P_NOWAIT, "a")  # flake8-async: ASYNC220
    os.spawnl(os.P_WAIT, "a")  # flake8-async: ASYNC221
