import subprocess

async def func():
    subprocess.run("foo")
