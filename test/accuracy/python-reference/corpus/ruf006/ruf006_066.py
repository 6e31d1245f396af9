import asyncio

async def f(coro):
    return await asyncio.shield(asyncio.create_task(coro))
