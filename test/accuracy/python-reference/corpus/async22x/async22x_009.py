import os

async def func():
    os.popen("ls")
