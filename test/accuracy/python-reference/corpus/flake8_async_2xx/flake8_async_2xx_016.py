import time
import trio

async def foo():
    time.sleep(1)  # flake8-async: ASYNC251
    await trio.sleep(1)
