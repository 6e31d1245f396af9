import time

sleep = time.sleep

async def func():
    sleep(1)
