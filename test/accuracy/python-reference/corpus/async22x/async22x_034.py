import os

async def foo():
    os.wait()
    os.wait3()
    os.wait4()
    os.waitid()
    os.waitpid()

    os.waitpi()
    os.waiti()
