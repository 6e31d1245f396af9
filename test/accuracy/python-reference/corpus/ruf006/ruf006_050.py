import asyncio

def f():
    loop = asyncio.get_running_loop()
    task = loop.create_task(coordinator.ws_connect())
