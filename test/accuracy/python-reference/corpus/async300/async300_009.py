import asyncio

async def foo():
    x = asyncio.create_task(bar())
    y = x
    return y
