import subprocess

async def func():
    subprocess.foo(0)
