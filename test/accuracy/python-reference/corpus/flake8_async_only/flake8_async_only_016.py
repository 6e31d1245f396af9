import trio

async def foo(f: trio.wrap_file):
    await f.read()
