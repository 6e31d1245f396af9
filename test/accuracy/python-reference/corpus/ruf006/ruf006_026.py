from asyncio import create_task

async def f():
    create_task(work())
