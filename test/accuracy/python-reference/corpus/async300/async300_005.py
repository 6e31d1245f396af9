import asyncio

async def foo():
    (asyncio.create_task(bar()))  # flake8-async: ASYNC300
