import os

async def func():
    os.wait3(0)
    os.waitid(os.P_PID, 1, os.WEXITED)
    os.waitpid(1, 0)
