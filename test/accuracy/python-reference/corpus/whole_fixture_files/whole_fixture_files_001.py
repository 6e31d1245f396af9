import urllib.request

async def foo():
    urllib.request.urlopen("http://example.com/foo/bar").read()


import requests

async def foo():
    requests.get()


import httpx

async def foo():
    httpx.get()


import requests

async def foo():
    requests.post()


import httpx

async def foo():
    httpx.post()


import requests

async def foo():
    requests.get()
    requests.get(...)
    requests.get
    print(requests.get())
    print(requests.get(requests.get()))


import requests

async def foo():
    requests.options()
    requests.head()
    requests.post()
    requests.put()
    requests.patch()
    requests.delete()
    requests.foo()


import requests

async def foo():
    requests.connect("")
    requests.trace("")


import httpx

async def foo():
    httpx.options("")
    httpx.head("")
    httpx.post("")
    httpx.put("")
    httpx.patch("")
    httpx.delete("")
    httpx.foo()


import urllib3

async def foo():
    urllib3.request()
    urllib3.request(...)


import urllib

async def foo():
    urllib.request.urlopen("")


async def foo():
    r = {}
    r.get("not a sync http client")


async def bar():
    requests = 1
    requests.get("not a sync http client")


async def bar():
    httpx = 1
    httpx.get("not a sync http client")


async def bar():
    urllib3 = 1
    urllib3.request()


async def bar():
    urllib = 1
    urllib.request.urlopen("")


from urllib.request import urlopen

async def foo():
    urlopen("")


from urllib import request

async def foo():
    request.urlopen("")


from requests import get

async def foo():
    get("https://example.com")


import requests as r

async def foo():
    r.get("https://example.com")


import requests

def foo():
    requests.get("https://example.com")


import requests

async def foo():
    def inner():
        requests.get("https://example.com")
    return inner


import requests

async def foo():
    return lambda: requests.get("https://example.com")


import httpx

async def foo():
    async with httpx.AsyncClient() as client:
        await client.get("https://example.com")


import requests

class Service:
    async def fetch(self, url):
        return requests.get(url).json()


async def bar():

    def request():
        pass

    request()

    def urlopen():
        pass

    urlopen()
