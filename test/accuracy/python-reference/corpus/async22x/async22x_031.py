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
