import io

def foo(f: io.TextIOWrapper):
    f.read()
