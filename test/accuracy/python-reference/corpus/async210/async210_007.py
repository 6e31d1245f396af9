import requests

async def foo():
    requests.options()
    requests.head()
    requests.post()
    requests.put()
    requests.patch()
    requests.delete()
    requests.foo()
