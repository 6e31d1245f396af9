import asyncio

async def f(flag):
    flag and asyncio.create_task(work())
