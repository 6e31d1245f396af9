import os

async def func():
    os.path.isjunction("a")
    os.path.isdevdrive("a")
