import asyncio

async def foo():
    foo = asyncio.create_task
    foo(bar())
