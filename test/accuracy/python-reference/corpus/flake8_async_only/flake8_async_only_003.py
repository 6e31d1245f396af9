import urllib3

async def foo(pool):
    pool.request("get", "http://example.com")  # flake8-async: ASYNC211
    pool.request(method, "http://example.com")
