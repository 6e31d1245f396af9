import asyncio

async def f():
    task = asyncio.create_task(coordinator.ws_connect())
    some_function(task)
