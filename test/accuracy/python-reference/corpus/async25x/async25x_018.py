from asyncio import sleep

async def func():
    await sleep(1)
