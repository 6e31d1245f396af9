import os

async def func():
    os.posix_spawn("foo", [], {})
    os.posix_spawnp("foo", [], {})
