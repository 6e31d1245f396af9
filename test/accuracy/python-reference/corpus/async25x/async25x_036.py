import time

def helper():
    time.sleep(1)

def main():
    helper()
