import httpx2

async def foo():
    client = httpx2.Client()
    client.post("")  # flake8-async: ASYNC212
