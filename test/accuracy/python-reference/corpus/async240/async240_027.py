from pathlib import Path

async def func():
    Path("a").parent.exists()
