import os

async def func():
    os.waitstatus_to_exitcode(0)
