import asyncio

async def foo():
    print(asyncio.create_task(bar()))
