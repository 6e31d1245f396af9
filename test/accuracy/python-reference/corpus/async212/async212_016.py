import httpx

async def foo(client: httpx.Client):
    def inner():
        client.get("")
    return inner
