from pathlib import Path

async def func():
    p = Path("a")
    p.with_name("b")
    p.with_stem("b")
    p.as_uri()
    p.is_relative_to("a")
    p.is_reserved()
