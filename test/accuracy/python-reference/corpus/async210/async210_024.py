import requests

async def foo():
    def inner():
        requests.get("https://example.com")
    return inner
