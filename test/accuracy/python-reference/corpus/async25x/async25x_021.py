import time

async def func():
    return lambda: time.sleep(1)
