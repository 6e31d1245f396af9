import asyncio

def f():
    tasks = [asyncio.create_task(task) for task in tasks]
