import asyncio

def f(loop: asyncio.AbstractEventLoop):
    loop.create_task(work())
