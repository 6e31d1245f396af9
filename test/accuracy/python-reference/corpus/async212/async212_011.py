import httpx

async def foo(client: httpx.AsyncClient):
    await client.get("")
