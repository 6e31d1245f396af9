import asyncio

def f():
    loop = asyncio.get_running_loop()
    loop.do_thing(coordinator.ws_connect())
