import time as t

async def func():
    t.sleep(1)
