async def bar():

    def request():
        pass

    request()

    def urlopen():
        pass

    urlopen()
