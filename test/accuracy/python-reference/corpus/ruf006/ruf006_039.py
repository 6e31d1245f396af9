import asyncio

async def f():
    asyncio.get_running_loop().create_task(work())
