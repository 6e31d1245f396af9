from urllib import request

async def foo():
    request.urlopen("")
