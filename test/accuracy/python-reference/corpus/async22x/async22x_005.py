import subprocess

async def func():
    subprocess.Popen(["ls"])
