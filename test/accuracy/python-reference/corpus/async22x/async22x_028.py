import asyncio
import subprocess

async def func():
    await asyncio.to_thread(subprocess.run, ["ls"])
