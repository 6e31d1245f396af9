import httpx

global_client = httpx.Client()

async def foo():
    global_client.request()
