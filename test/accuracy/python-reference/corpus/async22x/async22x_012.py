import os

async def func():
    os.wait(12)
