async def bar():
    urllib3 = 1
    urllib3.request()
