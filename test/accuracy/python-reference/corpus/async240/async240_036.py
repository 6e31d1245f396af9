from pathlib import Path

async def non_io_pathlib_path_methods():
    path = Path("src/my_text.txt")
    path.is_absolute()
    path.is_relative_to()
    path.as_posix()
    path.relative_to()
