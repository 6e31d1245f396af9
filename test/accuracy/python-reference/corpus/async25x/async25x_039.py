def foo():
    k = input()
    input("hello world")

async def foo():
    k = input()
    input("hello world")
