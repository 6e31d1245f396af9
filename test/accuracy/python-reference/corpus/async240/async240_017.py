from pathlib import Path

async def func():
    p = Path("a")
    p.iterdir()
    p.glob("*")
    p.rglob("*")
    p.resolve()
