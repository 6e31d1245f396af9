import asyncio

def f():
    global task
    task = asyncio.create_task(coordinator.ws_connect())
