import trio

async def func():
    await trio.sleep(1)
