import os

async def foo():
    os.posix_spawn()
    os.posix_spawnp()

    os.spawn()
    os.spawn
    os.spawnllll()

    os.spawnl()
    os.spawnle()
    os.spawnlp()
    os.spawnlpe()
    os.spawnv()
    os.spawnve()
    os.spawnvp()
    os.spawnvpe()
