import asyncio

def f():
    loop = asyncio.get_running_loop()
    loop.create_task(coordinator.ws_connect()).add_done_callback(print)
