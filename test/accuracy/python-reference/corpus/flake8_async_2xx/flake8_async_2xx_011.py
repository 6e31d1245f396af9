import subprocess

async def foo():
    subprocess.Popen(["a"])  # flake8-async: ASYNC220
    subprocess.run(["a"])  # flake8-async: ASYNC221
    subprocess.check_output(["a"])  # flake8-async: ASYNC221
