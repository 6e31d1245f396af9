import urllib

async def foo():
    urllib.request.urlopen("")
