import asyncio

def f():
    background_tasks = set()

    for i in range(10):
        task = asyncio.ensure_future(some_coro(param=i))

        background_tasks.add(task)
        task.add_done_callback(background_tasks.discard)
