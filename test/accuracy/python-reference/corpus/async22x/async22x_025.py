import subprocess

def func():
    subprocess.run("foo")
