import os

async def func():
    os.wait4(10)
