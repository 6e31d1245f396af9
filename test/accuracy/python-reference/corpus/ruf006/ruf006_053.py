import asyncio

def f():
    task = asyncio.create_task(coordinator.ws_connect())
    task2 = task
