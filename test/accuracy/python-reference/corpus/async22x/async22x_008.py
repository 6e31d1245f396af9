import os

async def func():
    os.system("ls")
