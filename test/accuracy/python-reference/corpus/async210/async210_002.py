import requests

async def foo():
    requests.get()
