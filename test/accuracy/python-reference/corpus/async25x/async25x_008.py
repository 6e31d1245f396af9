async def foo(input):
    input("testing")
