async def foo():
    input()


async def foo():
    input("Enter a value: ")


async def foo():
    s = input("name? ")
    return s


import builtins

async def foo():
    builtins.input("testing")


def foo():
    input("testing")


async def foo():
    def inner():
        input("testing")
    return inner


async def foo():
    return lambda: input("testing")


async def foo(input):
    input("testing")


from builtins import input as ask

async def foo():
    ask("testing")


import asyncio

async def foo():
    await asyncio.to_thread(input, "testing")


import time

async def func():
    time.sleep(1)


import time

def func():
    time.sleep(1)


import time

async def func():
    time.sleep(0)


from time import sleep

async def func():
    sleep(1)


import time as t

async def func():
    t.sleep(1)


from time import sleep as nap

async def func():
    nap(1)


import asyncio

async def func():
    await asyncio.sleep(1)


from asyncio import sleep

async def func():
    await sleep(1)


import trio

async def func():
    await trio.sleep(1)


import time

async def func():
    def inner():
        time.sleep(1)
    return inner


import time

async def func():
    return lambda: time.sleep(1)


import time

async def func():
    async def inner():
        time.sleep(1)
    await inner()


import time

class Worker:
    def sleep(self, seconds):
        pass

    async def run(self):
        self.sleep(1)


import time

async def func(time):
    time.sleep(1)


import time

async def func():
    time.time()
    time.monotonic()
    time.perf_counter()


import time

async def func():
    await time.sleep(1)


import time

async def func():
    if True:
        for _ in range(3):
            while False:
                time.sleep(1)


import time

async def func():
    try:
        time.sleep(1)
    finally:
        time.sleep(2)


import time

async def func():
    with open("x") as f:
        time.sleep(1)


import time

class C:
    async def m(self):
        time.sleep(1)

    @staticmethod
    async def s():
        time.sleep(1)


import time

async def gen():
    yield 1
    time.sleep(1)


import time

async def func():
    x = [time.sleep(1) for _ in range(3)]
    return x


import time

async def func():
    await something(time.sleep(1))


import time

def helper():
    time.sleep(1)

def main():
    helper()


import builtins
import fake

def foo():
    builtins.input("testing")

async def foo():
    builtins.input("testing")
    fake.input("whatever")


import asyncio
import time

async def func():
    time.sleep(1)

    def func():
        time.sleep(1)


def foo():
    k = input()
    input("hello world")

async def foo():
    k = input()
    input("hello world")
