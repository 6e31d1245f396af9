import os

async def os_path_in_foo():
    file = "file.txt"

    os.path.abspath(file)
    os.path.exists(file)
