import asyncio

async def func():
    proc = await asyncio.create_subprocess_exec("ls")
    await proc.wait()
