from os import path

async def func():
    path.exists("a")
    path.join("a", "b")
