import asyncio

def f():
    task = asyncio.create_task(coordinator.ws_connect())
    background_tasks.add(task)
