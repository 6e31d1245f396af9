import asyncio

async def foo():
    lambda: asyncio.create_task(bar())
