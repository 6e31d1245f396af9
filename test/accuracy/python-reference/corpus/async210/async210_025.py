import requests

async def foo():
    return lambda: requests.get("https://example.com")
