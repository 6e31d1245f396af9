import httpx

async def foo():
    httpx.Client().get("")
