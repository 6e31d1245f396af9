from pathlib import Path

async def func():
    p = Path("a")
    p.mkdir()
    p.rmdir()
    p.unlink()
    p.touch()
    p.rename("b")
    p.replace("b")
