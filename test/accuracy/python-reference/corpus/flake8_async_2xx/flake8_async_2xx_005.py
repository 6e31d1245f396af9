import urllib3

async def foo():
    urllib3.request("GET", "")  # flake8-async: ASYNC210
