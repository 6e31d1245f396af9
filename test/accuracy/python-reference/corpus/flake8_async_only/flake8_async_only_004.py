async def foo(pool):
    pool.request("GET", "http://example.com")
