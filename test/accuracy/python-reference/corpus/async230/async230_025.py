import io
import os

def foo_no_async():
    open("")
    io.open_code("")
    os.fdopen(0)

    with open(""):
        ...

    with open("") as f:
        ...
