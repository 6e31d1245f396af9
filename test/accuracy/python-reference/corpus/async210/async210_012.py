import urllib3

async def foo():
    urllib3.request()
    urllib3.request(...)
