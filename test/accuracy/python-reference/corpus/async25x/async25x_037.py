import builtins
import fake

def foo():
    builtins.input("testing")

async def foo():
    builtins.input("testing")
    fake.input("whatever")
