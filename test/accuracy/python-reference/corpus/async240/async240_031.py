import os

async def func():
    os.listdir(".")
    os.stat("a")
