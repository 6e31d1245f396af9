// flake8-async codes Ruff lacks: ASYNC211 (urllib3 pool .request with a method literal), ASYNC231
// (os.fdopen) and ASYNC232 (method calls on a sync file object), reproduced from memory from
// flake8-async's async211.py and async23x.py. Labelled by hand from the reference
// (`# flake8-async: ASYNCxxx` on the reported line); Ruff's own codes still label the rest.
export const source = "flake8-async async211.py, async23x.py";
export const cases = [
  {
    decision:
      'ASYNC211 matches `<anything>.request("GET", ...)` by signature once urllib3 is imported; Loop Guard matches by meaning (`urllib3.PoolManager().request` is reported) and does not guess what an unknown `pool` is.',
    code: `
  import urllib3

  async def foo(pool):
      pool.request("GET", "http://example.com")  # flake8-async: ASYNC211
  `,
  },
  `
  import urllib3

  async def foo():
      pm = urllib3.PoolManager()
      pm.request("POST", "http://example.com")  # flake8-async: ASYNC211
  `,
  {
    decision:
      'ASYNC211 matches `<anything>.request("GET", ...)` by signature once urllib3 is imported; Loop Guard matches by meaning (`urllib3.PoolManager().request` is reported) and does not guess what an unknown `pool` is.',
    code: `
  import urllib3

  async def foo(pool):
      pool.request("get", "http://example.com")  # flake8-async: ASYNC211
      pool.request(method, "http://example.com")
  `,
  },
  `
  async def foo(pool):
      pool.request("GET", "http://example.com")
  `,
  `
  import urllib3

  async def foo(pool):
      pool.request("not a method", "http://example.com")
  `,
  `
  import os

  async def foo():
      os.fdopen(0)  # flake8-async: ASYNC231
  `,
  `
  import os

  def foo():
      os.fdopen(0)
  `,
  `
  from os import fdopen

  async def foo():
      fdopen(1)  # flake8-async: ASYNC231
  `,
  `
  import io

  async def foo(f: io.TextIOWrapper):
      f.read()  # flake8-async: ASYNC232
      f.write("x")  # flake8-async: ASYNC232
  `,
  `
  import io

  async def foo(f: io.BufferedReader):
      f.read()  # flake8-async: ASYNC232
  `,
  `
  import io

  async def foo(f: io.BufferedWriter):
      f.write(b"x")  # flake8-async: ASYNC232
  `,
  `
  import io

  async def foo(f: io.BufferedRandom):
      f.seek(0)  # flake8-async: ASYNC232
  `,
  {
    decision:
      'The `open(...)` of this file, in the same function, is reported (ASYNC230); one finding for the blocking file, not one per method call. A file object handed in (`fh: io.TextIOWrapper`) is reported at its method calls.',
    code: `
  async def foo():
      f = open("x")
      f.read()  # flake8-async: ASYNC232
  `,
  },
  {
    decision:
      'The `open(...)` of this file, in the same function, is reported (ASYNC230); one finding for the blocking file, not one per method call. A file object handed in (`fh: io.TextIOWrapper`) is reported at its method calls.',
    code: `
  async def foo():
      with open("x") as f:
          f.readline()  # flake8-async: ASYNC232
  `,
  },
  `
  import io

  def foo(f: io.TextIOWrapper):
      f.read()
  `,
  `
  import trio

  async def foo(f: trio.wrap_file):
      await f.read()
  `,
];
