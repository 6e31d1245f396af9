from pathlib import Path

async def func():
    p = Path("a")
    p.read_text()
    p.read_bytes()
    p.write_text("x")
    p.write_bytes(b"x")
