from builtins import input as ask

async def foo():
    ask("testing")
