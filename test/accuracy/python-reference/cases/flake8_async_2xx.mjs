// flake8-async's own verdicts where its lists differ from Ruff's, reproduced from memory from
// flake8-async's tests/eval_files/async210.py, async212.py, async22x.py and async240.py. Each line
// flake8-async reports carries `# flake8-async: ASYNCxxx` (its eval files say `# error: ...`); Ruff
// labels the same files with its own codes.
export const source = 'flake8-async async210.py, async212.py, async22x.py, async240.py';
export const cases = [
  `
  import httpx2

  async def foo():
      httpx2.get("")  # flake8-async: ASYNC210
      httpx2.post("")  # flake8-async: ASYNC210
      httpx2.request("GET", "")  # flake8-async: ASYNC210
      httpx2.foo()
  `,
  `
  import requests

  async def foo():
      requests.request("GET", "")  # flake8-async: ASYNC210
      requests.get("")  # flake8-async: ASYNC210
  `,
  `
  from urllib import request

  async def foo():
      request.urlopen("")  # flake8-async: ASYNC210
  `,
  `
  from urllib.request import urlopen

  async def foo():
      urlopen("")  # flake8-async: ASYNC210
  `,
  `
  import urllib3

  async def foo():
      urllib3.request("GET", "")  # flake8-async: ASYNC210
  `,
  `
  import httpx2

  async def foo(client: httpx2.Client):
      client.get("")  # flake8-async: ASYNC212
      client.stream("GET", "")  # flake8-async: ASYNC212
      client.build_request("GET", "")
  `,
  `
  import httpx2

  async def foo():
      client = httpx2.Client()
      client.post("")  # flake8-async: ASYNC212
  `,
  `
  import urllib3

  async def foo():
      pool = urllib3.PoolManager()
      pool.request("GET", "")  # flake8-async: ASYNC212
      pool.urlopen("GET", "")  # flake8-async: ASYNC212
  `,
  `
  import urllib3

  async def foo(pool: urllib3.HTTPConnectionPool):
      pool.urlopen("GET", "/")  # flake8-async: ASYNC212
  `,
  `
  import urllib3

  async def foo(pool: urllib3.HTTPSConnectionPool):
      pool.request("GET", "/")  # flake8-async: ASYNC212
  `,
  `
  import subprocess

  async def foo():
      subprocess.Popen(["a"])  # flake8-async: ASYNC220
      subprocess.run(["a"])  # flake8-async: ASYNC221
      subprocess.check_output(["a"])  # flake8-async: ASYNC221
  `,
  `
  import os

  async def foo():
      os.popen("ls")  # flake8-async: ASYNC220
      os.system("ls")  # flake8-async: ASYNC221
      os.waitpid(0, 0)  # flake8-async: ASYNC222
  `,
  `
  import os

  async def foo():
      os.spawnl(os.P_NOWAIT, "a")  # flake8-async: ASYNC220
      os.spawnl(os.P_WAIT, "a")  # flake8-async: ASYNC221
  `,
  `
  import os.path
  from os.path import exists, isfile

  async def foo():
      os.path.exists("")  # flake8-async: ASYNC240
      exists("")  # flake8-async: ASYNC240
      isfile("")  # flake8-async: ASYNC240
      os.path.join("a", "b")
  `,
  `
  import os.path

  async def foo():
      os.path.islink("")  # flake8-async: ASYNC240
      os.path.lexists("")  # flake8-async: ASYNC240
      os.path.ismount("")  # flake8-async: ASYNC240
      os.path.realpath("")  # flake8-async: ASYNC240
      os.path.getmtime("")  # flake8-async: ASYNC240
      os.path.samefile("a", "b")  # flake8-async: ASYNC240
      os.path.relpath("a")  # flake8-async: ASYNC240
  `,
  `
  import time
  import trio

  async def foo():
      time.sleep(1)  # flake8-async: ASYNC251
      await trio.sleep(1)
  `,
  `
  async def foo():
      input()  # flake8-async: ASYNC250
  `,
  `
  import trio
  import io

  async def foo():
      open("")  # flake8-async: ASYNC230
      io.open("")  # flake8-async: ASYNC230
      io.open_code("")  # flake8-async: ASYNC230
      trio.wrap_file(open(""))
  `,
];
