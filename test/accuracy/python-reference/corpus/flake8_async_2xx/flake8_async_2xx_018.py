import trio
import io

async def foo():
    open("")  # flake8-async: ASYNC230
    io.open("")  # flake8-async: ASYNC230
    io.open_code("")  # flake8-async: ASYNC230
    trio.wrap_file(open(""))
