from os.path import exists, join

async def func():
    exists("a")
    join("a", "b")
