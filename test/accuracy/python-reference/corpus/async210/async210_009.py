import httpx

async def foo():
    httpx.options("")
    httpx.head("")
    httpx.post("")
    httpx.put("")
    httpx.patch("")
    httpx.delete("")
    httpx.foo()
