import httpx

async def foo(client: httpx.Client | None):
    client.request()
