from pathlib import PosixPath, WindowsPath

async def func():
    PosixPath("a").exists()
    WindowsPath("a").read_text()
