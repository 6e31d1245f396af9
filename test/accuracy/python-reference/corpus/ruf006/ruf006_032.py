import asyncio

async def f():
    t = asyncio.create_task(work())
    t.cancel()
