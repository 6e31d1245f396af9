import time

async def func():
    def inner():
        time.sleep(1)
    return inner
