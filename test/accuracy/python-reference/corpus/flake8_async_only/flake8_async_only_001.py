import urllib3

async def foo(pool):
    pool.request("GET", "http://example.com")  # flake8-async: ASYNC211
