import asyncio

def f():
    with contextlib.suppress(Exception):
        asyncio.create_task(work())
