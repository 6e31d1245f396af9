import pathlib

async def func():
    path = pathlib.Path("")
    path.open()
