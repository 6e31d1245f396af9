from pathlib import Path

async def func():
    p = Path("a")
    p.chmod(0o644)
    p.lstat()
    p.owner()
    p.group()
    p.readlink()
    p.is_symlink()
