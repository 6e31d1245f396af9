import pathlib

async def func():
    pathlib.Path("").open()
    pathlib.Path("").open("wb")

    p = pathlib.Path("")
    p.open()

    with pathlib.Path("").open():
        ...

    with p.open() as f:
        ...

    with pathlib.Path("").open() as f, open(""):
        ...
