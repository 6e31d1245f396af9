import trio

async def func():
    p = trio.Path("a")
    await p.exists()
