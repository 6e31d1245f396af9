import asyncio

async def f():
    global TASK
    TASK = asyncio.create_task(work())
