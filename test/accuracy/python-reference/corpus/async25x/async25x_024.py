import time

async def func(time):
    time.sleep(1)
