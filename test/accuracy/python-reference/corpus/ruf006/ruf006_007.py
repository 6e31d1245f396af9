import asyncio

def f():
    asyncio.wait([asyncio.create_task(client.session.wait_closed()) for client in clients.values()])
