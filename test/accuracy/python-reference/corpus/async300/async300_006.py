import asyncio

async def foo():
    asyncio.create_task(bar()) if x else None  # flake8-async: ASYNC300
