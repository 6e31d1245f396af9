import subprocess

async def func():
    subprocess.run("foo")


import subprocess

async def func():
    subprocess.call("foo")


import subprocess

async def func():
    subprocess.foo(0)


import subprocess

async def func():
    subprocess.check_call("foo")
    subprocess.check_output("foo")
    subprocess.getoutput("foo")
    subprocess.getstatusoutput("foo")


import subprocess

async def func():
    subprocess.Popen(["ls"])


import subprocess

async def func():
    with subprocess.Popen(["ls"]) as proc:
        pass


from subprocess import run, Popen

async def func():
    run("foo")
    Popen("foo")


import os

async def func():
    os.system("ls")


import os

async def func():
    os.popen("ls")


import os

async def func():
    os.posix_spawn("foo", [], {})
    os.posix_spawnp("foo", [], {})


import os

async def func():
    os.wait4(10)


import os

async def func():
    os.wait(12)


import os

async def func():
    os.wait3(0)
    os.waitid(os.P_PID, 1, os.WEXITED)
    os.waitpid(1, 0)


import os

async def func():
    os.waitstatus_to_exitcode(0)


import os

async def func():
    os.spawnl(mode=os.P_NOWAIT)
    os.spawnl(mode=os.P_WAIT)


import os

async def func():
    os.spawnl(os.P_NOWAIT, "foo")
    os.spawnl(os.P_WAIT, "foo")


import os

async def func():
    os.spawnl("foo")


import os

async def func():
    os.spawnl(0, "foo")
    os.spawnl(1, "foo")


import os
from os import P_NOWAIT, P_WAIT

async def func():
    os.spawnl(P_NOWAIT, "foo")
    os.spawnl(P_WAIT, "foo")


import os

async def func():
    P_WAIT = os.P_WAIT
    os.spawnl(P_WAIT, "foo")


import os

async def func(mode):
    os.spawnl(mode, "foo")


import os

async def func():
    os.spawnle(os.P_NOWAIT, "a", "b", {})
    os.spawnlp(os.P_NOWAIT, "a", "b")
    os.spawnlpe(os.P_NOWAIT, "a", "b", {})
    os.spawnv(os.P_NOWAIT, "a", [])
    os.spawnve(os.P_NOWAIT, "a", [], {})
    os.spawnvp(os.P_NOWAIT, "a", [])
    os.spawnvpe(os.P_NOWAIT, "a", [], {})


import os

async def func():
    os.spawnv(os.P_WAIT, "a", [])
    os.spawnvp(os.P_WAIT, "a", [])


import os

async def func():
    os.spawnl(os.P_DETACH, "foo")
    os.spawnl(os.P_OVERLAY, "foo")


import subprocess

def func():
    subprocess.run("foo")


import subprocess

async def func():
    def inner():
        subprocess.run("foo")
    return inner


import subprocess as sp

async def func():
    sp.run(["ls"])


import asyncio
import subprocess

async def func():
    await asyncio.to_thread(subprocess.run, ["ls"])


import asyncio

async def func():
    proc = await asyncio.create_subprocess_exec("ls")
    await proc.wait()


import os

async def func():
    os.execl("foo", "foo")


import os
import subprocess

async def foo():
    await async_fun(
        subprocess.getoutput()
    )
    subprocess.Popen()
    os.system()

    system()
    os.system.anything()
    os.anything()

    subprocess.run()
    subprocess.call()
    subprocess.check_call()
    subprocess.check_output()
    subprocess.getoutput()
    subprocess.getstatusoutput()

    subprocess.anything()
    subprocess.foo()
    subprocess.bar.foo()
    subprocess()


import os

async def foo():
    os.posix_spawn()
    os.posix_spawnp()

    os.spawn()
    os.spawn
    os.spawnllll()

    os.spawnl()
    os.spawnle()
    os.spawnlp()
    os.spawnlpe()
    os.spawnv()
    os.spawnve()
    os.spawnvp()
    os.spawnvpe()


import os

async def foo():
    P_NOWAIT = os.P_NOWAIT

    os.spawnl(os.P_NOWAIT)
    os.spawnl(P_NOWAIT)
    os.spawnl(mode=os.P_NOWAIT)
    os.spawnl(mode=P_NOWAIT)

    P_WAIT = os.P_WAIT

    os.spawnl(P_WAIT)
    os.spawnl(mode=os.P_WAIT)
    os.spawnl(mode=P_WAIT)

    os.spawnl(0)
    os.spawnl(1)
    os.spawnl(foo())


import os

async def foo():
    os.wait()
    os.wait3()
    os.wait4()
    os.waitid()
    os.waitpid()

    os.waitpi()
    os.waiti()


import subprocess

class Runner:
    async def run(self, args):
        result = subprocess.run(args, capture_output=True)
        return result.stdout
