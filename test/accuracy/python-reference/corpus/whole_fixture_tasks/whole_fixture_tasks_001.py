import asyncio

async def foo():
    asyncio.create_task(bar())  # flake8-async: ASYNC300


import asyncio

async def foo():
    t = asyncio.create_task(bar())
    await t


import asyncio

async def foo():
    return asyncio.create_task(bar())


import asyncio

async def foo():
    print(asyncio.create_task(bar()))


import asyncio

async def foo():
    (asyncio.create_task(bar()))  # flake8-async: ASYNC300


import asyncio

async def foo():
    asyncio.create_task(bar()) if x else None  # flake8-async: ASYNC300


import asyncio

def foo():
    asyncio.create_task(bar())  # flake8-async: ASYNC300


import asyncio

async def foo():
    asyncio.ensure_future(bar())


import asyncio

async def foo():
    x = asyncio.create_task(bar())
    y = x
    return y


from asyncio import create_task

async def foo():
    create_task(bar())  # flake8-async: ASYNC300


import asyncio

async def foo():
    foo = asyncio.create_task
    foo(bar())


import asyncio

async def foo():
    lambda: asyncio.create_task(bar())
