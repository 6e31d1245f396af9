import subprocess

async def func():
    subprocess.check_call("foo")
    subprocess.check_output("foo")
    subprocess.getoutput("foo")
    subprocess.getstatusoutput("foo")
