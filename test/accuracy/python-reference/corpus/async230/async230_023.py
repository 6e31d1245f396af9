async def func():
    data = [open(name).read() for name in ("a", "b")]
    return data
