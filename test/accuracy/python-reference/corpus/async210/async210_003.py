import httpx

async def foo():
    httpx.get()
