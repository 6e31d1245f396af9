import time

class Worker:
    def sleep(self, seconds):
        pass

    async def run(self):
        self.sleep(1)
