from pathlib import Path

async def func():
    Path("a").exists()
    Path("a").is_dir()
    Path("a").is_file()
    Path("a").stat()
