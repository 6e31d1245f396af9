import asyncio

async def f(x: bool):
    if x:
        asyncio.create_task(coordinator.ws_connect())
