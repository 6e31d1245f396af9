import subprocess

async def func():
    with subprocess.Popen(["ls"]) as proc:
        pass
