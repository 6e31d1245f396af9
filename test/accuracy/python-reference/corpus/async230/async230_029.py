async def func(paths):
    for name in paths:
        with open(name, "rb") as f:
            yield f.read()
