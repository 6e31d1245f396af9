import asyncio

def f():
    loop = None
    loop.create_task(coordinator.ws_connect())
