// RUF006 (asyncio dangling task), reproduced from memory from Ruff's
// crates/ruff_linter/resources/test/fixtures/ruff/RUF006.py.
export const source = "Ruff RUF006.py";
export const cases = [
  `
  import asyncio

  def f():
      asyncio.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  def f():
      asyncio.ensure_future(coordinator.ws_connect())
  `,
  `
  import asyncio

  def f():
      background_tasks = set()

      for i in range(10):
          task = asyncio.create_task(some_coro(param=i))

          background_tasks.add(task)
          task.add_done_callback(background_tasks.discard)
  `,
  `
  import asyncio

  def f():
      background_tasks = set()

      for i in range(10):
          task = asyncio.ensure_future(some_coro(param=i))

          background_tasks.add(task)
          task.add_done_callback(background_tasks.discard)
  `,
  `
  import asyncio

  def f():
      ctx.task = asyncio.create_task(make_request())
  `,
  `
  import asyncio

  def f():
      tasks.append(asyncio.create_task(self._populate_cache()))
  `,
  `
  import asyncio

  def f():
      asyncio.wait([asyncio.create_task(client.session.wait_closed()) for client in clients.values()])
  `,
  `
  import asyncio

  def f():
      tasks = [asyncio.create_task(task) for task in tasks]
  `,
  `
  import asyncio

  def f():
      task = asyncio.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  def f():
      loop = asyncio.get_running_loop()
      loop.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  def f():
      loop = asyncio.get_event_loop()
      loop.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  def f():
      loop = asyncio.new_event_loop()
      loop.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  def f():
      loop = asyncio.new_event_loop()
      loop.run_until_complete(main())
  `,
  `
  import asyncio

  def f():
      loop = some_other_library.get_loop()
      loop.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  def f():
      loop = asyncio.get_running_loop()
      loop.do_thing(coordinator.ws_connect())
  `,
  {
    decision:
      "A receiver named `loop` (`loop`, `self._loop`) with nothing in the module saying otherwise is an event loop; its dropped `create_task` is as loose as `asyncio.create_task`'s. Ruff follows only `asyncio.get_running_loop()` / `get_event_loop()` bindings.",
    code: `
  import asyncio

  def f(loop):
      loop.create_task(coordinator.ws_connect())
  `,
  },
  {
    decision:
      "A receiver named `loop` (`loop`, `self._loop`) with nothing in the module saying otherwise is an event loop; its dropped `create_task` is as loose as `asyncio.create_task`'s. Ruff follows only `asyncio.get_running_loop()` / `get_event_loop()` bindings.",
    code: `
  import asyncio

  class Service:
      def start(self):
          self._loop.create_task(self.run())
  `,
  },
  `
  import asyncio

  def f():
      task = asyncio.create_task(coordinator.ws_connect())
      task.add_done_callback(print)
  `,
  `
  import asyncio

  def f():
      task = asyncio.create_task(coordinator.ws_connect())
      return task
  `,
  `
  import asyncio

  async def f():
      task = asyncio.create_task(coordinator.ws_connect())
      await task
  `,
  `
  import asyncio

  def f():
      task = asyncio.create_task(coordinator.ws_connect())
      task = None
  `,
  `
  import asyncio

  def f():
      return asyncio.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  async def f():
      await asyncio.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  async def f(x: bool):
      if x:
          asyncio.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  async def f():
      for i in range(3):
          asyncio.create_task(work(i))
  `,
  `
  from asyncio import create_task

  async def f():
      create_task(work())
  `,
  `
  from asyncio import ensure_future as ef

  async def f():
      ef(work())
  `,
  `
  import asyncio

  async def f():
      async with asyncio.TaskGroup() as tg:
          tg.create_task(work())
  `,
  `
  def create_task(coro):
      return coro

  async def f():
      create_task(work())
  `,
  `
  import asyncio

  async def f():
      tasks = set()
      tasks.add(asyncio.create_task(work()))
  `,
  `
  import asyncio

  async def f():
      results = await asyncio.gather(asyncio.create_task(a()), asyncio.create_task(b()))
      return results
  `,
  `
  import asyncio

  async def f():
      t = asyncio.create_task(work())
      t.cancel()
  `,
  `
  import asyncio

  async def f():
      global TASK
      TASK = asyncio.create_task(work())
  `,
  `
  import asyncio

  TASKS = []

  async def f():
      TASKS.append(asyncio.create_task(work()))
  `,
  `
  import asyncio

  async def f():
      asyncio.create_task(work()).add_done_callback(print)
  `,
  {
    decision:
      '`flag and create_task(...)` as a statement drops the task (no one keeps the value); Ruff looks only at a bare call statement.',
    code: `
  import asyncio

  async def f(flag):
      flag and asyncio.create_task(work())
  `,
  },
  {
    decision:
      'A list comprehension used as a statement drops every task it made.',
    code: `
  import asyncio

  async def f():
      [asyncio.create_task(work(i)) for i in range(3)]
  `,
  },
  `
  import asyncio

  async def f():
      loop = asyncio.get_running_loop()
      task = loop.create_task(work())
  `,
  {
    decision:
      "The running loop's `create_task` called directly on `get_running_loop()`: the task is dropped, as with a `loop` variable (which Ruff does report).",
    code: `
  import asyncio

  async def f():
      asyncio.get_running_loop().create_task(work())
  `,
  },
  {
    decision:
      'As above, for `get_event_loop()`.',
    code: `
  import asyncio

  async def f():
      asyncio.get_event_loop().create_task(work())
  `,
  },
  `
  import asyncio

  def f(loop: asyncio.AbstractEventLoop):
      loop.create_task(work())
  `,
  `
  import asyncio

  def f():
      task = asyncio.create_task(work())
      tasks = [task]
      return tasks
  `,
  `
  import asyncio

  async def f():
      task = asyncio.create_task(work())
      done, pending = await asyncio.wait([task])
  `,
  `
  import asyncio

  def f():
      with contextlib.suppress(Exception):
          asyncio.create_task(work())
  `,
  `
  import asyncio

  asyncio.create_task(work())
  `,
  `
  import asyncio

  def f():
      _ = asyncio.create_task(work())
  `,
  `
  import asyncio

  def f():
      nonlocal_task = None
      def g():
          nonlocal nonlocal_task
          nonlocal_task = asyncio.create_task(work())
      return g
  `,
  `
  import asyncio

  def f():
      loop = None
      loop.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  async def f():
      loop = asyncio.get_running_loop()
      loop.call_soon(print)
      loop.create_task(work())
  `,
  `
  import asyncio

  def f():
      loop = asyncio.get_running_loop()
      task = loop.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  def f():
      task = asyncio.create_task(coordinator.ws_connect())
      background_tasks.add(task)
  `,
  `
  import asyncio

  async def f():
      task = asyncio.create_task(coordinator.ws_connect())
      some_function(task)
  `,
  `
  import asyncio

  def f():
      task = asyncio.create_task(coordinator.ws_connect())
      task2 = task
  `,
  `
  import asyncio

  def f():
      global task
      task = asyncio.create_task(coordinator.ws_connect())
  `,
  `
  import asyncio

  def f():
      loop = asyncio.get_running_loop()
      loop.create_task(coordinator.ws_connect()).add_done_callback(print)
  `,
  `
  import asyncio

  async def f():
      task = asyncio.create_task(a())
      task = asyncio.create_task(b())
      await task
  `,
  `
  import asyncio

  async def f(items):
      for item in items:
          task = asyncio.create_task(work(item))
  `,
  `
  import asyncio

  async def f():
      (task := asyncio.create_task(work()))
  `,
  `
  import asyncio

  async def f():
      if task := asyncio.create_task(work()):
          pass
  `,
  {
    decision:
      "A task in a module-level variable lives as long as the module: it cannot be garbage-collected mid-flight (dangling-task's documented exception); Ruff reports the unused module binding.",
    code: `
  import asyncio

  task = asyncio.create_task(work())
  `,
  },
  `
  import asyncio

  async def f():
      task = asyncio.create_task(work())
      del task
  `,
  `
  import asyncio

  async def f():
      task = asyncio.ensure_future(work())
      try:
          pass
      finally:
          task.cancel()
  `,
  `
  import asyncio

  class Service:
      async def start(self):
          self.task = asyncio.create_task(self.run())
  `,
  `
  import asyncio

  async def f():
      task: asyncio.Task = asyncio.create_task(work())
  `,
  `
  import asyncio

  async def f():
      tasks = []
      tasks.append(asyncio.create_task(work()))
      await asyncio.gather(*tasks)
  `,
  `
  import asyncio

  async def f(coro):
      return await asyncio.shield(asyncio.create_task(coro))
  `,
  `
  import asyncio

  async def f():
      asyncio.create_task(work())
      await asyncio.sleep(0)
  `,
  `
  import asyncio

  async def f():
      asyncio.get_running_loop().run_in_executor(None, print)
  `,
  `
  import asyncio

  async def f():
      task = asyncio.create_task(coroutine())
      tasks = {task}
  `,
  `
  import asyncio

  def f():
      task = asyncio.create_task(x)
      return (task, 1)
  `,
  `
  import asyncio

  def f():
      task = asyncio.create_task(x)
      def g():
          return task
      return g
  `,
];
