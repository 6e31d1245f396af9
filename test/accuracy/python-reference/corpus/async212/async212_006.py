from typing import Optional
import httpx

async def foo(client: Optional[httpx.Client]):
    client.request()
