import asyncio

async def f():
    loop = asyncio.get_running_loop()
    task = loop.create_task(work())
