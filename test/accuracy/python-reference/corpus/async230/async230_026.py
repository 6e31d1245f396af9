import anyio

async def func():
    p = anyio.Path("")
    await p.open()
