from subprocess import run, Popen

async def func():
    run("foo")
    Popen("foo")
