import io

async def foo():
    open("")
    io.open_code("")
