import trio

async def func():
    trio.wrap_file(foo(open("")))
