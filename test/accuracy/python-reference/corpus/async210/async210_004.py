import requests

async def foo():
    requests.post()
