import os

async def func():
    os.path.isdir("a")
    os.path.isfile("a")
    os.path.islink("a")
    os.path.ismount("a")
    os.path.lexists("a")
