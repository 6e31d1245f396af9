import pathlib

async def func():
    p = pathlib.Path("")
    p.open()
