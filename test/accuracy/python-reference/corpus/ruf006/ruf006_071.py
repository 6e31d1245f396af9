import asyncio

def f():
    task = asyncio.create_task(x)
    def g():
        return task
    return g
