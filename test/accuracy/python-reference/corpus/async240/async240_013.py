import os

async def func():
    def inner():
        os.path.exists("a")
    return inner
