import asyncio

async def f():
    task = asyncio.create_task(a())
    task = asyncio.create_task(b())
    await task
