import time

async def func():
    try:
        time.sleep(1)
    finally:
        time.sleep(2)
