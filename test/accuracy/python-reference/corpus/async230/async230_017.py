import trio

async def func():
    await trio.open_file("")
