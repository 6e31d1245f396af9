import asyncio

def f():
    ctx.task = asyncio.create_task(make_request())
