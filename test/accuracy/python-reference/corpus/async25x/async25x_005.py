def foo():
    input("testing")
