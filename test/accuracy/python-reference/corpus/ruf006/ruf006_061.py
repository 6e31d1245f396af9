import asyncio

async def f():
    task = asyncio.create_task(work())
    del task
