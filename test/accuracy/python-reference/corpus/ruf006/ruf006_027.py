from asyncio import ensure_future as ef

async def f():
    ef(work())
