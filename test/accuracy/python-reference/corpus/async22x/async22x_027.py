import subprocess as sp

async def func():
    sp.run(["ls"])
