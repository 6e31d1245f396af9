import asyncio

async def f():
    [asyncio.create_task(work(i)) for i in range(3)]
