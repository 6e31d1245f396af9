async def foo():
    r = {}
    r.get("not a sync http client")
