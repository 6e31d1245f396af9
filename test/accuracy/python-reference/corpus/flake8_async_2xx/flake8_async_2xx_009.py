import urllib3

async def foo(pool: urllib3.HTTPConnectionPool):
    pool.urlopen("GET", "/")  # flake8-async: ASYNC212
