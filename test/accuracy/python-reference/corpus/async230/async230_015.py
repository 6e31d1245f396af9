import anyio

async def func():
    anyio.wrap_file(open(""))
