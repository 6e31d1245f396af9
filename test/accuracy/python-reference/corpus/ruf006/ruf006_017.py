import asyncio

class Service:
    def start(self):
        self._loop.create_task(self.run())
