import asyncio

async def f():
    tasks = set()
    tasks.add(asyncio.create_task(work()))
