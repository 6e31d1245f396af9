from pathlib import Path

def func():
    Path("a").read_text()
