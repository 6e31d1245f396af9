import asyncio

async def f():
    for i in range(3):
        asyncio.create_task(work(i))
