import os

async def func():
    os.open("", os.O_RDONLY)
