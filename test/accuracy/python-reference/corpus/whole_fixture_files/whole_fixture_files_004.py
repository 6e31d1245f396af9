import io

async def foo():
    open("")
    io.open_code("")


async def foo():
    with open(""):
        ...


async def foo():
    with open("") as f:
        ...


async def foo():
    with foo(), open(""):
        ...


async def foo():
    async with open(""):
        ...


import io

def foo_no_async():
    open("")
    io.open_code("")
    with open(""):
        ...


import pathlib

async def func():
    p = pathlib.Path("")
    p.open()


import pathlib

async def func():
    pathlib.Path("").open()


from pathlib import Path

async def func():
    p = Path("")
    p.open()


import pathlib

def func():
    p = pathlib.Path("")
    p.open()


import io

async def func():
    io.open("")


import trio

async def func():
    trio.wrap_file(open(""))


import anyio

async def func():
    anyio.wrap_file(open(""))


import trio

async def func():
    trio.wrap_file(foo(open("")))


import trio

async def func():
    await trio.open_file("")


async def func():
    def open(name):
        return name
    open("")


async def func(open):
    open("")


import os

async def func():
    os.open("", os.O_RDONLY)


import aiofiles

async def func():
    async with aiofiles.open("") as f:
        await f.read()


async def func():
    f = lambda: open("")
    return f


async def func():
    data = [open(name).read() for name in ("a", "b")]
    return data


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


import io
import os

def foo_no_async():
    open("")
    io.open_code("")
    os.fdopen(0)

    with open(""):
        ...

    with open("") as f:
        ...


import anyio

async def func():
    p = anyio.Path("")
    await p.open()


def outer():
    async def inner():
        with open("data.txt") as f:
            return f.read()
    return inner


import pathlib

async def func():
    path = pathlib.Path("")
    path.open()


async def func(paths):
    for name in paths:
        with open(name, "rb") as f:
            yield f.read()
