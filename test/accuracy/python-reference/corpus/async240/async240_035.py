import os

async def non_io_os_path_methods():
    os.path.split()
    os.path.dirname()
    os.path.basename()
    os.path.join()
