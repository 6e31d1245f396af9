from pathlib import PurePath

async def func():
    p = PurePath("a")
    p.exists()
