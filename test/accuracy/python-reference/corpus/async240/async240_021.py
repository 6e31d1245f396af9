from pathlib import Path

async def func():
    p = Path("a")
    p.name
    p.parent
    p.parts
    p.joinpath("b")
    p.with_suffix(".txt")
    p.relative_to("a")
    p.as_posix()
    p.match("*.py")
    p.is_absolute()
