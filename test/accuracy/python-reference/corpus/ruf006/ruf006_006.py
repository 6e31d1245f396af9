import asyncio

def f():
    tasks.append(asyncio.create_task(self._populate_cache()))
