from pathlib import Path

async def func():
    p = Path("a")
    p.absolute()
    p.expanduser()
    p.samefile("b")
    p.is_mount()
    p.symlink_to("b")
    p.hardlink_to("b")
