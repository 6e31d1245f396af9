import time

async def func():
    await something(time.sleep(1))
