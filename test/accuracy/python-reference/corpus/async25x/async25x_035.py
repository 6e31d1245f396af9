import time

def helper():
    time.sleep(1)

async def func():
    helper()
