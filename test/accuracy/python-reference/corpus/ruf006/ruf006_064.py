import asyncio

async def f():
    task: asyncio.Task = asyncio.create_task(work())
