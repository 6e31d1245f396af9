import os

async def foo():
    os.popen("ls")  # flake8-async: ASYNC220
    os.system("ls")  # flake8-async: ASYNC221
    os.waitpid(0, 0)  # flake8-async: ASYNC222
