import trio

async def func():
    trio.wrap_file(open(""))
