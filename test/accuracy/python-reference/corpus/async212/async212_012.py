from httpx import Client

async def foo(client: Client):
    client.post("")
