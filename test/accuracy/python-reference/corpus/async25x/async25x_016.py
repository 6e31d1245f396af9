from time import sleep as nap

async def func():
    nap(1)
