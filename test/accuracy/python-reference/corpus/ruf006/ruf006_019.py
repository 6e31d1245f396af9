import asyncio

def f():
    task = asyncio.create_task(coordinator.ws_connect())
    return task
