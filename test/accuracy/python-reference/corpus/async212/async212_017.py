import httpx as h

async def foo(client: h.Client):
    client.get("")
