import asyncio

async def f():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work())
