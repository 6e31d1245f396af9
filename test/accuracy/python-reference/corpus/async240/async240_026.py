from pathlib import Path

async def func():
    Path.cwd()
    Path.home()
