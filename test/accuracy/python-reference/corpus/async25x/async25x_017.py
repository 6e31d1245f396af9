import asyncio

async def func():
    await asyncio.sleep(1)
