import builtins

async def func():
    builtins.open("")
