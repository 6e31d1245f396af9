import builtins

async def foo():
    builtins.input("testing")
