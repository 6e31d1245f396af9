import asyncio

def f():
    loop = asyncio.get_event_loop()
    loop.create_task(coordinator.ws_connect())
