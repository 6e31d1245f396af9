import requests

async def foo():
    requests.request("GET", "")
