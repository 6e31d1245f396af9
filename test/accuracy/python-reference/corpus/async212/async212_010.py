import httpx

async def foo():
    async with httpx.AsyncClient() as client:
        await client.get("")
