import asyncio

async def f():
    if task := asyncio.create_task(work()):
        pass
