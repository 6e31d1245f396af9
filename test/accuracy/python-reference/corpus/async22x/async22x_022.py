import os

async def func():
    os.spawnle(os.P_NOWAIT, "a", "b", {})
    os.spawnlp(os.P_NOWAIT, "a", "b")
    os.spawnlpe(os.P_NOWAIT, "a", "b", {})
    os.spawnv(os.P_NOWAIT, "a", [])
    os.spawnve(os.P_NOWAIT, "a", [], {})
    os.spawnvp(os.P_NOWAIT, "a", [])
    os.spawnvpe(os.P_NOWAIT, "a", [], {})
