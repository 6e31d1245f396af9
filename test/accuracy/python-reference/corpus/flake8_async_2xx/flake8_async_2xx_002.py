import requests

async def foo():
    requests.request("GET", "")  # flake8-async: ASYNC210
    requests.get("")  # flake8-async: ASYNC210
