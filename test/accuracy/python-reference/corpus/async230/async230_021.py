import aiofiles

async def func():
    async with aiofiles.open("") as f:
        await f.read()
