import asyncio

async def f():
    results = await asyncio.gather(asyncio.create_task(a()), asyncio.create_task(b()))
    return results
