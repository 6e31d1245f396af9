// ASYNC300 (create-task-no-reference), reproduced from memory from flake8-async's
// tests/eval_files/async300.py. Labelled by Ruff's RUF006 (its equivalent); flake8-async's own
// verdict is written beside each line that it reports (`# flake8-async: ASYNC300`).
export const source = "flake8-async async300.py";
export const cases = [
  `
  import asyncio

  async def foo():
      asyncio.create_task(bar())  # flake8-async: ASYNC300
  `,
  `
  import asyncio

  async def foo():
      t = asyncio.create_task(bar())
      await t
  `,
  `
  import asyncio

  async def foo():
      return asyncio.create_task(bar())
  `,
  `
  import asyncio

  async def foo():
      print(asyncio.create_task(bar()))
  `,
  `
  import asyncio

  async def foo():
      (asyncio.create_task(bar()))  # flake8-async: ASYNC300
  `,
  `
  import asyncio

  async def foo():
      asyncio.create_task(bar()) if x else None  # flake8-async: ASYNC300
  `,
  `
  import asyncio

  def foo():
      asyncio.create_task(bar())  # flake8-async: ASYNC300
  `,
  `
  import asyncio

  async def foo():
      asyncio.ensure_future(bar())
  `,
  `
  import asyncio

  async def foo():
      x = asyncio.create_task(bar())
      y = x
      return y
  `,
  `
  from asyncio import create_task

  async def foo():
      create_task(bar())  # flake8-async: ASYNC300
  `,
  `
  import asyncio

  async def foo():
      foo = asyncio.create_task
      foo(bar())
  `,
  {
    decision:
      'A tuple used as a statement drops both tasks at once; neither peer looks inside it.',
    code: `
  import asyncio

  async def foo():
      asyncio.create_task(bar()), asyncio.create_task(baz())
  `,
  },
  `
  import asyncio

  async def foo():
      lambda: asyncio.create_task(bar())
  `,
];
