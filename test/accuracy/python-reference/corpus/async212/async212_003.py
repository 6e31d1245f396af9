import httpx

async def foo():
    client = httpx.Client()
    client.anything()
    client.build_request()
    client.is_closed
