import httpx2

async def foo():
    httpx2.get("")  # flake8-async: ASYNC210
    httpx2.post("")  # flake8-async: ASYNC210
    httpx2.request("GET", "")  # flake8-async: ASYNC210
    httpx2.foo()
