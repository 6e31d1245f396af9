async def func():
    f = lambda: open("")
    return f
