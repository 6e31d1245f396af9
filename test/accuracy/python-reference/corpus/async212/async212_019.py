import httpx

async def foo(clients: list[httpx.Client]):
    for client in clients:
        client.get("")
