async def bar():
    httpx = 1
    httpx.get("not a sync http client")
