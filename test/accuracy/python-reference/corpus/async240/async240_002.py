import os

async def func():
    os.path.getatime("a")
    os.path.getctime("a")
    os.path.getmtime("a")
    os.path.getsize("a")
