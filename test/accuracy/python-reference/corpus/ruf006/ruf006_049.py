import asyncio

async def f():
    loop = asyncio.get_running_loop()
    loop.call_soon(print)
    loop.create_task(work())
