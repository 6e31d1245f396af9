import asyncio

async def f():
    task = asyncio.ensure_future(work())
    try:
        pass
    finally:
        task.cancel()
