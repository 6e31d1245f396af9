def outer():
    async def inner():
        with open("data.txt") as f:
            return f.read()
    return inner
