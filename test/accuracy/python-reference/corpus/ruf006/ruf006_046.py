import asyncio

def f():
    _ = asyncio.create_task(work())
