import subprocess

async def func():
    subprocess.call("foo")
