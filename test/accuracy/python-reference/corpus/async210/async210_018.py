async def bar():
    urllib = 1
    urllib.request.urlopen("")
