async def func(open):
    open("")
