import urllib3

async def foo(pool: urllib3.HTTPSConnectionPool):
    pool.request("GET", "/")  # flake8-async: ASYNC212
