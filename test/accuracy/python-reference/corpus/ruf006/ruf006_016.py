import asyncio

def f(loop):
    loop.create_task(coordinator.ws_connect())
