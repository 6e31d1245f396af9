import time

async def gen():
    yield 1
    time.sleep(1)
