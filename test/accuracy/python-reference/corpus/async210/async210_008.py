import requests

async def foo():
    requests.connect("")
    requests.trace("")
