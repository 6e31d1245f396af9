import asyncio

def f():
    loop = asyncio.new_event_loop()
    loop.create_task(coordinator.ws_connect())
