from urllib.request import urlopen

async def foo():
    urlopen("")
