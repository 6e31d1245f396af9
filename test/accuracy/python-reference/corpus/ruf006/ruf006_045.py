import asyncio

asyncio.create_task(work())
