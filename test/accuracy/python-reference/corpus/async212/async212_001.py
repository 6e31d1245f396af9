import httpx

def foo():
    client = httpx.Client()
    client.close()
    client.delete()
    client.get()
