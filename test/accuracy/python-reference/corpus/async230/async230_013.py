import io

async def func():
    io.open("")
