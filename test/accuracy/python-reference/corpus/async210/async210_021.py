from requests import get

async def foo():
    get("https://example.com")
