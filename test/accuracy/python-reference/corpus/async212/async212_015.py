import httpx

class Api:
    def __init__(self):
        self.client = httpx.Client()

    async def fetch(self):
        return self.client.get("")
