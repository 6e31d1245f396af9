import asyncio

async def f():
    asyncio.create_task(work()).add_done_callback(print)
