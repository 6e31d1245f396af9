import pathlib

async def func():
    p = pathlib.Path("a")
    p.exists()
