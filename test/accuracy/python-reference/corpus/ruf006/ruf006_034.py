import asyncio

TASKS = []

async def f():
    TASKS.append(asyncio.create_task(work()))
