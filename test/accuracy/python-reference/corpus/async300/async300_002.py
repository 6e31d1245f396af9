import asyncio

async def foo():
    t = asyncio.create_task(bar())
    await t
