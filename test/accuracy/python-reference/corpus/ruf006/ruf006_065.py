import asyncio

async def f():
    tasks = []
    tasks.append(asyncio.create_task(work()))
    await asyncio.gather(*tasks)
