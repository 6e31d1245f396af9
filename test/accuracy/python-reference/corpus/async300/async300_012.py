import asyncio

async def foo():
    asyncio.create_task(bar()), asyncio.create_task(baz())
