import pathlib

def func():
    p = pathlib.Path("")
    p.open()
