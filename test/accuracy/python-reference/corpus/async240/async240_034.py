import os
from pathlib import Path

def os_path_in_foo():
    file = "file.txt"

    os.path.abspath(file)
    os.path.exists(file)

def pathlib_path_in_foo():
    path = Path("src/my_text.txt")
    path.exists()
