import requests

async def foo():
    requests.get()
    requests.get(...)
    requests.get
    print(requests.get())
    print(requests.get(requests.get()))
