import asyncio
import time

async def func():
    time.sleep(1)

    def func():
        time.sleep(1)
