import asyncio

async def f(items):
    for item in items:
        task = asyncio.create_task(work(item))
