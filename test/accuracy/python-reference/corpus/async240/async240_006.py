import os

async def func():
    os.path.isabs("a")
    os.path.join("a", "b")
    os.path.normcase("a")
    os.path.split("a")
    os.path.splitdrive("a")
    os.path.splitext("a")
