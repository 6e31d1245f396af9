async def foo():
    input()
