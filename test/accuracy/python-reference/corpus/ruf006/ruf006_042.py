import asyncio

def f():
    task = asyncio.create_task(work())
    tasks = [task]
    return tasks
