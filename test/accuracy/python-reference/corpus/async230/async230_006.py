import io

def foo_no_async():
    open("")
    io.open_code("")
    with open(""):
        ...
