import urllib3

async def foo(pool):
    pool.request("not a method", "http://example.com")
