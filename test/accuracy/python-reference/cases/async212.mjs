// ASYNC212 (blocking method of an httpx.Client), reproduced from memory from Ruff's
// flake8_async/ASYNC212.py and flake8-async's async212.py.
export const source = "Ruff ASYNC212.py, flake8-async async212.py";
export const cases = [
  `
  import httpx

  def foo():
      client = httpx.Client()
      client.close()
      client.delete()
      client.get()
  `,
  `
  import httpx

  async def foo():
      client = httpx.Client()
      client.close()
      client.delete()
      client.get()
      client.head()
      client.options()
      client.patch()
      client.post()
      client.put()
      client.request()
      client.send()
      client.stream()
  `,
  `
  import httpx

  async def foo():
      client = httpx.Client()
      client.anything()
      client.build_request()
      client.is_closed
  `,
  `
  import httpx

  async def foo(client: httpx.Client):
      client.request()
      client.anything()
  `,
  `
  import httpx

  async def foo(client: httpx.Client | None):
      client.request()
  `,
  `
  from typing import Optional
  import httpx

  async def foo(client: Optional[httpx.Client]):
      client.request()
  `,
  `
  from typing import Union
  import httpx

  async def foo(client: Union[httpx.Client, None]):
      client.get("")
  `,
  `
  import httpx

  async def foo():
      client: httpx.Client = ...
      client.request()
  `,
  `
  import httpx

  global_client = httpx.Client()

  async def foo():
      global_client.request()
  `,
  `
  import httpx

  async def foo():
      async with httpx.AsyncClient() as client:
          await client.get("")
  `,
  `
  import httpx

  async def foo(client: httpx.AsyncClient):
      await client.get("")
  `,
  `
  from httpx import Client

  async def foo(client: Client):
      client.post("")
  `,
  `
  import httpx

  async def foo():
      with httpx.Client() as client:
          client.get("")
  `,
  {
    decision:
      'A client made and used in one expression blocks just as one in a variable; Ruff and flake8-async look only at variables.',
    code: `
  import httpx

  async def foo():
      httpx.Client().get("")
  `,
  },
  {
    decision:
      "`self.client` is the `httpx.Client()` the class assigns in `__init__` (its only value): a sync client's `get` blocks. Ruff reads only local variables and parameters.",
    code: `
  import httpx

  class Api:
      def __init__(self):
          self.client = httpx.Client()

      async def fetch(self):
          return self.client.get("")
  `,
  },
  `
  import httpx

  async def foo(client: httpx.Client):
      def inner():
          client.get("")
      return inner
  `,
  `
  import httpx as h

  async def foo(client: h.Client):
      client.get("")
  `,
  `
  import httpx

  async def foo():
      client = httpx.Client()
      client.get("")
      await client.aclose()
  `,
  `
  import httpx

  async def foo(clients: list[httpx.Client]):
      for client in clients:
          client.get("")
  `,
  `
  import httpx

  async def foo(client: "httpx.Client"):
      client.get("")
  `,
];
