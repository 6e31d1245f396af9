from urllib import request

async def foo():
    request.urlopen("")  # flake8-async: ASYNC210
