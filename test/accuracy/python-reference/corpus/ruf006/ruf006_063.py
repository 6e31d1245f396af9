import asyncio

class Service:
    async def start(self):
        self.task = asyncio.create_task(self.run())
