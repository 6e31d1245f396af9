import urllib3

async def foo():
    pm = urllib3.PoolManager()
    pm.request("POST", "http://example.com")  # flake8-async: ASYNC211
