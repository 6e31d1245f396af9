import subprocess

async def func():
    def inner():
        subprocess.run("foo")
    return inner
