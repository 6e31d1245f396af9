import os

def func():
    os.path.exists("a")
