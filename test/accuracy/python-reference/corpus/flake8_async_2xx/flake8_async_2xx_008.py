import urllib3

async def foo():
    pool = urllib3.PoolManager()
    pool.request("GET", "")  # flake8-async: ASYNC212
    pool.urlopen("GET", "")  # flake8-async: ASYNC212
