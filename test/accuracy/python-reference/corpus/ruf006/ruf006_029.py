def create_task(coro):
    return coro

async def f():
    create_task(work())
