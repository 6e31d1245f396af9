import asyncio

task = asyncio.create_task(work())
