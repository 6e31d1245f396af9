import time

def func():
    time.sleep(1)
