import anyio

async def func():
    await anyio.Path("a").read_text()
