import httpx

async def foo():
    client = httpx.Client()
    client.close()
    client.delete()
    client.get()
    client.head()
    client.options()
    client.patch()
    client.post()
    client.put()
    client.request()
    client.send()
    client.stream()
