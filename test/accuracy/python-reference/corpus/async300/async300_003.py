import asyncio

async def foo():
    return asyncio.create_task(bar())
