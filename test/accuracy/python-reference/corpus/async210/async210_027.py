import requests

class Service:
    async def fetch(self, url):
        return requests.get(url).json()
