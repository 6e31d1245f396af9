import time

async def func():
    time.time()
    time.monotonic()
    time.perf_counter()
