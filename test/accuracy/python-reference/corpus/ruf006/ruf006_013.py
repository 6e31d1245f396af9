import asyncio

def f():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())
