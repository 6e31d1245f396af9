from pathlib import Path

async def func(p: Path):
    p.open()
