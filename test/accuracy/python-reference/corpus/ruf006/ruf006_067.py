import asyncio

async def f():
    asyncio.create_task(work())
    await asyncio.sleep(0)
