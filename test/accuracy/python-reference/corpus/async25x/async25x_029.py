import time

async def func():
    with open("x") as f:
        time.sleep(1)
