import time

async def func():
    async def inner():
        time.sleep(1)
    await inner()
