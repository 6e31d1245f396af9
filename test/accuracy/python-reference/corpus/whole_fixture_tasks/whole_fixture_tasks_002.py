import asyncio

def f():
    asyncio.create_task(coordinator.ws_connect())


import asyncio

def f():
    asyncio.ensure_future(coordinator.ws_connect())


import asyncio

def f():
    background_tasks = set()

    for i in range(10):
        task = asyncio.create_task(some_coro(param=i))

        background_tasks.add(task)
        task.add_done_callback(background_tasks.discard)


import asyncio

def f():
    background_tasks = set()

    for i in range(10):
        task = asyncio.ensure_future(some_coro(param=i))

        background_tasks.add(task)
        task.add_done_callback(background_tasks.discard)


import asyncio

def f():
    ctx.task = asyncio.create_task(make_request())


import asyncio

def f():
    tasks.append(asyncio.create_task(self._populate_cache()))


import asyncio

def f():
    asyncio.wait([asyncio.create_task(client.session.wait_closed()) for client in clients.values()])


import asyncio

def f():
    tasks = [asyncio.create_task(task) for task in tasks]


import asyncio

def f():
    task = asyncio.create_task(coordinator.ws_connect())


import asyncio

def f():
    loop = asyncio.get_running_loop()
    loop.create_task(coordinator.ws_connect())


import asyncio

def f():
    loop = asyncio.get_event_loop()
    loop.create_task(coordinator.ws_connect())


import asyncio

def f():
    loop = asyncio.new_event_loop()
    loop.create_task(coordinator.ws_connect())


import asyncio

def f():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())


import asyncio

def f():
    loop = some_other_library.get_loop()
    loop.create_task(coordinator.ws_connect())


import asyncio

def f():
    loop = asyncio.get_running_loop()
    loop.do_thing(coordinator.ws_connect())


import asyncio

def f():
    task = asyncio.create_task(coordinator.ws_connect())
    task.add_done_callback(print)


import asyncio

def f():
    task = asyncio.create_task(coordinator.ws_connect())
    return task


import asyncio

async def f():
    task = asyncio.create_task(coordinator.ws_connect())
    await task


import asyncio

def f():
    task = asyncio.create_task(coordinator.ws_connect())
    task = None


import asyncio

def f():
    return asyncio.create_task(coordinator.ws_connect())


import asyncio

async def f():
    await asyncio.create_task(coordinator.ws_connect())


import asyncio

async def f(x: bool):
    if x:
        asyncio.create_task(coordinator.ws_connect())


import asyncio

async def f():
    for i in range(3):
        asyncio.create_task(work(i))


from asyncio import create_task

async def f():
    create_task(work())


from asyncio import ensure_future as ef

async def f():
    ef(work())


import asyncio

async def f():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work())


def create_task(coro):
    return coro

async def f():
    create_task(work())


import asyncio

async def f():
    tasks = set()
    tasks.add(asyncio.create_task(work()))


import asyncio

async def f():
    results = await asyncio.gather(asyncio.create_task(a()), asyncio.create_task(b()))
    return results


import asyncio

async def f():
    t = asyncio.create_task(work())
    t.cancel()


import asyncio

async def f():
    global TASK
    TASK = asyncio.create_task(work())


import asyncio

TASKS = []

async def f():
    TASKS.append(asyncio.create_task(work()))


import asyncio

async def f():
    asyncio.create_task(work()).add_done_callback(print)


import asyncio

async def f():
    loop = asyncio.get_running_loop()
    task = loop.create_task(work())


import asyncio

def f(loop: asyncio.AbstractEventLoop):
    loop.create_task(work())


import asyncio

def f():
    task = asyncio.create_task(work())
    tasks = [task]
    return tasks


import asyncio

async def f():
    task = asyncio.create_task(work())
    done, pending = await asyncio.wait([task])


import asyncio

def f():
    with contextlib.suppress(Exception):
        asyncio.create_task(work())


import asyncio

asyncio.create_task(work())


import asyncio

def f():
    _ = asyncio.create_task(work())


import asyncio

def f():
    nonlocal_task = None
    def g():
        nonlocal nonlocal_task
        nonlocal_task = asyncio.create_task(work())
    return g


import asyncio

def f():
    loop = None
    loop.create_task(coordinator.ws_connect())


import asyncio

async def f():
    loop = asyncio.get_running_loop()
    loop.call_soon(print)
    loop.create_task(work())


import asyncio

def f():
    loop = asyncio.get_running_loop()
    task = loop.create_task(coordinator.ws_connect())


import asyncio

def f():
    task = asyncio.create_task(coordinator.ws_connect())
    background_tasks.add(task)


import asyncio

async def f():
    task = asyncio.create_task(coordinator.ws_connect())
    some_function(task)


import asyncio

def f():
    task = asyncio.create_task(coordinator.ws_connect())
    task2 = task


import asyncio

def f():
    global task
    task = asyncio.create_task(coordinator.ws_connect())


import asyncio

def f():
    loop = asyncio.get_running_loop()
    loop.create_task(coordinator.ws_connect()).add_done_callback(print)


import asyncio

async def f():
    task = asyncio.create_task(a())
    task = asyncio.create_task(b())
    await task


import asyncio

async def f(items):
    for item in items:
        task = asyncio.create_task(work(item))


import asyncio

async def f():
    (task := asyncio.create_task(work()))


import asyncio

async def f():
    if task := asyncio.create_task(work()):
        pass


import asyncio

async def f():
    task = asyncio.create_task(work())
    del task


import asyncio

async def f():
    task = asyncio.ensure_future(work())
    try:
        pass
    finally:
        task.cancel()


import asyncio

class Service:
    async def start(self):
        self.task = asyncio.create_task(self.run())


import asyncio

async def f():
    task: asyncio.Task = asyncio.create_task(work())


import asyncio

async def f():
    tasks = []
    tasks.append(asyncio.create_task(work()))
    await asyncio.gather(*tasks)


import asyncio

async def f(coro):
    return await asyncio.shield(asyncio.create_task(coro))


import asyncio

async def f():
    asyncio.create_task(work())
    await asyncio.sleep(0)


import asyncio

async def f():
    asyncio.get_running_loop().run_in_executor(None, print)


import asyncio

async def f():
    task = asyncio.create_task(coroutine())
    tasks = {task}


import asyncio

def f():
    task = asyncio.create_task(x)
    return (task, 1)


import asyncio

def f():
    task = asyncio.create_task(x)
    def g():
        return task
    return g
