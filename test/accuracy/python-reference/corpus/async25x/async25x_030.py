import time

class C:
    async def m(self):
        time.sleep(1)

    @staticmethod
    async def s():
        time.sleep(1)
