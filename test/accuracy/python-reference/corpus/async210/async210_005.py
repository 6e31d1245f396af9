import httpx

async def foo():
    httpx.post()
