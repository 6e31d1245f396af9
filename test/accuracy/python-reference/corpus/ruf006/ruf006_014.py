import asyncio

def f():
    loop = some_other_library.get_loop()
    loop.create_task(coordinator.ws_connect())
