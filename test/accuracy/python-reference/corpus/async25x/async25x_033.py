import time

async def func():
    x = [time.sleep(1) for _ in range(3)]
    return x
