import asyncio

def f():
    task = asyncio.create_task(x)
    return (task, 1)
