async def bar():
    requests = 1
    requests.get("not a sync http client")
