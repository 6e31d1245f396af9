async def foo():
    input("Enter a value: ")
