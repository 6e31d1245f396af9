import asyncio

async def f():
    await asyncio.create_task(coordinator.ws_connect())
