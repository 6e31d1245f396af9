import time

async def func():
    time.sleep(1)
