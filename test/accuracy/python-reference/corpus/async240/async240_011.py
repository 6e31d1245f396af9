import os.path as osp

async def func():
    osp.isfile("a")
    osp.basename("a")
