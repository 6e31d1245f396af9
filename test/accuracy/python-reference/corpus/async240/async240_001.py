import os

async def func():
    os.path.abspath("a")
    os.path.dirname("a")
    os.path.exists("a")
    os.path.expanduser("a")
