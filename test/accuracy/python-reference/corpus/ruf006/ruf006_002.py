import asyncio

def f():
    asyncio.ensure_future(coordinator.ws_connect())
