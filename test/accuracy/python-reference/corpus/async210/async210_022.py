import requests as r

async def foo():
    r.get("https://example.com")
