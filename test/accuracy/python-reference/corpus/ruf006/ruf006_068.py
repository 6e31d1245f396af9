import asyncio

async def f():
    asyncio.get_running_loop().run_in_executor(None, print)
