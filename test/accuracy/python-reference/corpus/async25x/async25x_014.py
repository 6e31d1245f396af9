from time import sleep

async def func():
    sleep(1)
