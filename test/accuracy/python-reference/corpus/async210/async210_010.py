import httpx

async def foo():
    httpx.request("GET", "")
