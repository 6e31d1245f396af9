import pathlib

async def func():
    pathlib.Path("").open()
