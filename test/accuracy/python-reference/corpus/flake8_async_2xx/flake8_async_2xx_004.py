from urllib.request import urlopen

async def foo():
    urlopen("")  # flake8-async: ASYNC210
