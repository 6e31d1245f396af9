import asyncio

async def foo():
    await asyncio.to_thread(input, "testing")
