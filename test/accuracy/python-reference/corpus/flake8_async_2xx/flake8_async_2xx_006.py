import httpx2

async def foo(client: httpx2.Client):
    client.get("")  # flake8-async: ASYNC212
    client.stream("GET", "")  # flake8-async: ASYNC212
    client.build_request("GET", "")
