import asyncio

def f():
    nonlocal_task = None
    def g():
        nonlocal nonlocal_task
        nonlocal_task = asyncio.create_task(work())
    return g
