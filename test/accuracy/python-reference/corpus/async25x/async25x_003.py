async def foo():
    s = input("name? ")
    return s
