import asyncio

def f():
    return asyncio.create_task(coordinator.ws_connect())
