import asyncio

def f():
    asyncio.create_task(coordinator.ws_connect())
