import asyncio

async def f():
    task = asyncio.create_task(coordinator.ws_connect())
    await task
