import httpx

async def foo():
    with httpx.Client() as client:
        client.get("")
