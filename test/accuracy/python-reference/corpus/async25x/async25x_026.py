import time

async def func():
    await time.sleep(1)
