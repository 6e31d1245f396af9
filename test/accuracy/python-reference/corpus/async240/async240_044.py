import pathlib

async def func(path: pathlib.Path):
    with path.open() as f:
        return f.read()
