from typing import Union
import httpx

async def foo(client: Union[httpx.Client, None]):
    client.get("")
