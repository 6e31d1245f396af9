import httpx

async def foo():
    client = httpx.Client()
    client.get("")
    await client.aclose()
