async def foo():
    return lambda: input("testing")
