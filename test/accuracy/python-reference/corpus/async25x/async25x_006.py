async def foo():
    def inner():
        input("testing")
    return inner
