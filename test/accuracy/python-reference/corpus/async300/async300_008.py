import asyncio

async def foo():
    asyncio.ensure_future(bar())
