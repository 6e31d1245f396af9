from asyncio import create_task

async def foo():
    create_task(bar())  # flake8-async: ASYNC300
