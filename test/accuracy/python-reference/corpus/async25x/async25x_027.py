import time

async def func():
    if True:
        for _ in range(3):
            while False:
                time.sleep(1)
