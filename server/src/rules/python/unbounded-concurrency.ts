// unbounded-concurrency (Python): one coroutine or task per item of a collection of unknown size,
// all started at once with nothing bounding them. What it reports and why: the `docs` field below.
import * as path from 'node:path';
import { MemoKey } from '../../engine/memo';
import { asyncioCallee } from '../../engine/python/asyncioNames';
import { isBoundedCollection } from '../../engine/python/collectionSize';
import { enclosingFunction, isAsyncStatement } from '../../engine/python/functionBodies';
import type { ModuleNames } from '../../engine/python/names';
import { namedChildren } from '../../engine/python/parser';
import type { SyntaxNode } from '../../engine/python/parser';
import { definePythonRule } from '../../engine/python/rule';
import { taskFactory } from '../../engine/python/taskFactories';

type MessageId = 'gathered' | 'tasksInLoop';

const COMBINATORS = new Set(['gather', 'wait', 'as_completed']);
const COMPREHENSIONS = new Set(['list_comprehension', 'generator_expression', 'set_comprehension']);
/** Names of things that bound concurrency: a semaphore, a limiter, a pool. */
const LIMITER_NAME = /sem(?:aphore)?s?\b|(?:^|_)sem(?:_|$)|limit|throttl|capacity|pool|bounded/i;
const LIMITER_TYPES = /(?:^|\.)(?:Semaphore|BoundedSemaphore|CapacityLimiter)\(\)$/;
/** Work that releases what each item already holds (closing connections at shutdown): it opens no new socket or file. */
const RELEASING_WORK = /^_*(?:a?close|close_\w+|disconnect\w*|shutdown|stop|cancel|terminate|kill|release|unsubscribe|punsubscribe|wait_closed|cleanup|teardown|dispose)$/;
/** A collection named for the members of a deployment (the nodes of a cluster, the configured databases): as many as the operator runs. */
const DEPLOYMENT_MEMBERS = /(?:^|_)(?:nodes|databases|dbs|shards|replicas|sentinels|brokers|health_checks)$/i;

export default definePythonRule<MessageId>({
  id: 'unbounded-concurrency',
  language: 'python',
  concept: 'synchronization-primitives',
  defaultSeverity: 'info',
  description: 'asyncio.gather over one coroutine per item of a collection of unknown size, or a task created per item in a loop, with no Semaphore bounding how many run at once.',
  summary:
    '`asyncio.gather(*[fetch(u) for u in urls])` (also `*(...)`, `*map(...)`, `asyncio.wait`/`as_completed`) or `create_task` per item in a loop over a collection of unknown size, with no `asyncio.Semaphore` bounding the work',
  docs: {
    what:
      "In Python: `asyncio.gather(*[f(x) for x in xs])`, `gather(*(f(x) for x in xs))`, `gather(*map(f, xs))`, `asyncio.wait([...])` and `asyncio.as_completed([...])` over a comprehension of calls, and `asyncio.create_task` / `TaskGroup.create_task` / `loop.create_task` called for every item of a `for` loop or comprehension, when the collection's size is unknown and nothing bounds how many run at once. Bounded work: the coroutine function (a def of the module) or the enclosing function uses an `asyncio.Semaphore`/`BoundedSemaphore`/anyio `CapacityLimiter`, `async with` something named like a semaphore or limiter, or `.acquire()`; a limiter passed to each call (`fetch(sem, u)`). The squiggle covers the starred argument or the `create_task` call.",
    why:
      'Every item starts at once: ten thousand URLs open ten thousand sockets, exhaust file descriptors (`Too many open files`), hit the remote service\'s rate limits, or fill memory with pending results.',
    notReported: [
      'Collections known to be small: literals (`[a, b, c]`), `range(<constants>)`, slices (`urls[:10]`, `batch[i:i + n]`), names bound once to a literal, the item of a loop over batches (`for batch in batches:`), and `enumerate`/`zip`/`sorted`/`.items()` of those.',
      'Work bounded by a semaphore or limiter (in the coroutine function, the enclosing function, or passed to each call).',
      'A task per item whose task is dropped (`dangling-task` reports it), `ensure_future(fut)` of futures that already exist, and test files (`test_*.py`, `*_test.py`, `conftest.py`), which start a known handful of tasks on purpose.',
      'Gathering tasks or futures that already exist (`gather(*tasks)`): the size and the bound are decided where they were created, which this rule checks when it is a loop in the same function.',
      'Work that releases what each item already holds: `close`/`aclose`/`disconnect`/`shutdown`/`cancel`/`wait_closed`... of each connection, at shutdown (`gather(*(c.close() for c in conns))`). Closing opens no socket or file; bounding it only slows shutdown.',
      'A collection named for the members of a deployment (`nodes`, `databases`, `shards`, `replicas`, `sentinels`, `brokers`, `health_checks`, as the last word of its name): one call per cluster node or configured database is as many as the operator runs.',
    ],
    severity: 'Info: whether the collection can be large is not known statically.',
    reference:
      'Ruff and flake8-async have no equivalent; flake8-async leaves concurrency limits to trio/anyio `CapacityLimiter` by convention. The asyncio documentation recommends `asyncio.Semaphore` for this.',
    examples: [
      {
        invalid: `import asyncio


async def fetch(url):
    await asyncio.sleep(0.1)
    return url


async def fetch_all(urls):
    return await asyncio.gather(*[fetch(url) for url in urls])
`,
        valid: `import asyncio


async def fetch(url, limit):
    async with limit:
        await asyncio.sleep(0.1)
        return url


async def fetch_all(urls):
    limit = asyncio.Semaphore(10)
    return await asyncio.gather(*[fetch(url, limit) for url in urls])
`,
      },
    ],
  },
  messages: {
    gathered:
      "asyncio.{combinator} starts '{call}' for every item of '{collection}' at once, with no limit on how many run together; a large collection exhausts sockets, file descriptors or the remote service's patience. Bound it with an asyncio.Semaphore (`async with sem:` around the work), or process in batches.",
    tasksInLoop:
      "'{api}' starts a task for every item of '{collection}' at once, with no limit on how many run together; a large collection exhausts sockets, file descriptors or the remote service's patience. Bound the work with an asyncio.Semaphore (`async with sem:` around it), or process in batches.",
  },
  concepts: {
    'synchronization-primitives': 'in Python, `asyncio.gather` or `create_task` per item of a collection of unknown size with no `asyncio.Semaphore`.',
    'fan-out': 'one Python coroutine per item of an unbounded collection, all started together.',
  },
  create(context) {
    const { names } = context.module;
    // Tests start a known handful of tasks on purpose.
    if (/^(?:test_.*|.*_test|conftest)\.py$/.test(path.basename(context.module.fileName))) return {};
    const reportedLoops = new Set<number>();
    return {
      call(call) {
        const combinator = asyncioCallee(names, call, COMBINATORS);
        if (combinator && COMBINATORS.has(combinator)) {
          const args = call.childForFieldName('arguments');
          for (const argument of args ? namedChildren(args) : []) {
            const inner = combinator === 'gather' ? (argument.type === 'list_splat' ? namedChildren(argument)[0] : undefined) : argument.type === 'keyword_argument' ? undefined : argument;
            const fanOut = inner && fanOutOf(inner, names);
            if (!fanOut || isBoundedCollection(fanOut.collection, names) || isLimited(fanOut.work, call, names)) continue;
            if (isReleasing(fanOut.work) || namesDeploymentMembers(fanOut.collection)) continue;
            context.report({ node: argument, messageId: 'gathered', data: { combinator, call: calleeText(fanOut.work), collection: fanOut.collection.text } });
          }
          return;
        }
        const factory = taskFactory(call, names);
        if (!factory) return;
        // A dropped task is dangling-task's finding; one that wraps an existing future starts nothing new.
        if ((factory.kind === 'loose' && call.parent?.type === 'expression_statement') || firstArgument(call)?.type !== 'call') return;
        const loop = repeatingScope(call);
        if (!loop || reportedLoops.has(loop.node.id)) return;
        if (isCombinatorArgument(loop.node, names)) return;
        const coroutine = firstArgument(call);
        if (isBoundedCollection(loop.collection, names) || isLimited(coroutine ?? call, call, names)) return;
        if ((coroutine && isReleasing(coroutine)) || namesDeploymentMembers(loop.collection)) return;
        reportedLoops.add(loop.node.id);
        context.report({ node: call, messageId: 'tasksInLoop', data: { api: factory.api, collection: loop.collection.text } });
      },
    };
  },
});

/** `[f(x) for x in xs]`, `(f(x) for x in xs)`, `map(f, xs)`: the work done per item and the collection. */
function fanOutOf(expression: SyntaxNode, names: ModuleNames): { work: SyntaxNode; collection: SyntaxNode } | undefined {
  if (COMPREHENSIONS.has(expression.type)) {
    const body = expression.childForFieldName('body');
    const clauses = namedChildren(expression).filter((child) => child.type === 'for_in_clause');
    const collection = clauses[0]?.childForFieldName('right');
    if (!body || !collection || body.type !== 'call' || clauses.some((clause) => clause.child(0)?.type === 'async')) return undefined;
    // `[asyncio.create_task(f(x)) for x in xs]`: the work is the coroutine the task runs; `ensure_future(fut)` of an existing future starts nothing.
    const work = taskFactory(body, names) ? firstArgument(body) : body;
    return work?.type === 'call' ? { work, collection } : undefined;
  }
  if (expression.type === 'call' && names.calleeName(expression) === 'builtins.map') {
    const args = expression.childForFieldName('arguments');
    const [fn, collection, ...rest] = args ? namedChildren(args) : [];
    if (!fn || !collection || rest.length > 0) return undefined;
    return { work: fn, collection };
  }
  return undefined;
}

function firstArgument(call: SyntaxNode): SyntaxNode | undefined {
  const args = call.childForFieldName('arguments');
  return args ? namedChildren(args).find((child) => child.type !== 'keyword_argument' && child.type !== 'comment') : undefined;
}

function calleeText(work: SyntaxNode): string {
  const callee = work.type === 'call' ? work.childForFieldName('function') : work;
  return (callee ?? work).text;
}

/** The loop or comprehension that runs `call` once per item (in the same function), with its collection. */
function repeatingScope(call: SyntaxNode): { node: SyntaxNode; collection: SyntaxNode } | undefined {
  const fn = enclosingFunction(call);
  let child = call;
  for (let current = call.parent; current && current.id !== fn?.id; child = current, current = current.parent) {
    if (current.type === 'for_statement' && !isAsyncStatement(current) && current.childForFieldName('body')?.id === child.id) {
      const collection = current.childForFieldName('right');
      return collection ? { node: current, collection } : undefined;
    }
    if (current.type === 'while_statement') return undefined;
    if (COMPREHENSIONS.has(current.type) && current.childForFieldName('body')?.id === child.id) {
      const clause = namedChildren(current).find((node) => node.type === 'for_in_clause');
      const collection = clause?.childForFieldName('right');
      return collection && clause?.child(0)?.type !== 'async' ? { node: current, collection } : undefined;
    }
  }
  return undefined;
}

/** A comprehension handed to gather/wait/as_completed: the combinator's finding covers it. */
function isCombinatorArgument(node: SyntaxNode, names: ModuleNames): boolean {
  let current = node.parent;
  if (current?.type === 'list_splat') current = current.parent;
  if (current?.type !== 'argument_list') return false;
  const call = current.parent;
  const combinator = call ? asyncioCallee(names, call, COMBINATORS) : undefined;
  return !!combinator && COMBINATORS.has(combinator);
}

/**
 * The work goes through a limiter: in the coroutine function it calls (a def of this module), in the
 * function around the fan-out, or as an argument of each call.
 */
function isLimited(work: SyntaxNode, at: SyntaxNode, names: ModuleNames): boolean {
  const callee = work.type === 'call' ? work.childForFieldName('function') : work;
  if (callee && LIMITER_NAME.test(lastName(callee) ?? '')) return true;
  // `pool.fetch(q)`, `self.limiter.run(...)`: a method of a pool or limiter.
  const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object') : undefined;
  if (receiver && LIMITER_NAME.test(lastName(receiver) ?? '')) return true;
  if (work.type === 'call') {
    const args = work.childForFieldName('arguments');
    for (const argument of args ? namedChildren(args) : []) {
      const value = argument.type === 'keyword_argument' ? argument.childForFieldName('value') : argument;
      if (value && (value.type === 'identifier' || value.type === 'attribute') && LIMITER_NAME.test(lastName(value) ?? '')) return true;
    }
  }
  const definition = callee ? names.definitionOf(callee) : undefined;
  if (definition && usesLimiter(definition, names)) return true;
  const fn = enclosingFunction(at);
  return !!fn && usesLimiter(fn, names);
}

const LIMITER_USE = new MemoKey<Map<number, boolean>>('limiter use');

/** Whether a function (nested helpers included) takes a semaphore or limiter: asked once per function and module text. */
function usesLimiter(fn: SyntaxNode, names: ModuleNames): boolean {
  const known = names.memo.get(LIMITER_USE, () => new Map());
  let answer = known.get(fn.id);
  if (answer === undefined) known.set(fn.id, (answer = findsLimiter(fn, names)));
  return answer;
}

function findsLimiter(fn: SyntaxNode, names: ModuleNames): boolean {
  // The candidates from one search; nested defs are included: a limiter in a nested helper counts too.
  for (const node of fn.descendantsOfType(['call', 'with_statement'])) {
    if (node?.type === 'call') {
      const callee = node.childForFieldName('function');
      const qualified = callee && /Semaphore|CapacityLimiter/.test(callee.text) ? names.qualifiedName(node) : undefined;
      if ((qualified && LIMITER_TYPES.test(qualified)) || (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'acquire')) return true;
    } else if (node && isAsyncStatement(node)) {
      const clause = namedChildren(node).find((child) => child.type === 'with_clause');
      for (const item of clause ? namedChildren(clause) : []) {
        let value = item.childForFieldName('value');
        if (value?.type === 'as_pattern') value = namedChildren(value)[0] ?? null;
        const qualified = value ? names.qualifiedName(value) : undefined;
        if (value && (LIMITER_NAME.test(lastName(value) ?? '') || (qualified && LIMITER_TYPES.test(qualified)))) return true;
      }
    }
  }
  return false;
}

/** `c.close()`, `node.disconnect_free_connections()`, `map(close, conns)`: the work releases a resource. */
function isReleasing(work: SyntaxNode): boolean {
  const callee = work.type === 'call' ? work.childForFieldName('function') : work;
  return !!callee && RELEASING_WORK.test(lastName(callee) ?? '');
}

/** `self._databases`, `target_nodes`, `nodes.values()`, `list(nodes)`: the collection is named for deployment members. */
function namesDeploymentMembers(collection: SyntaxNode): boolean {
  let current: SyntaxNode | undefined = collection;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.type === 'identifier' || current.type === 'attribute') return DEPLOYMENT_MEMBERS.test(lastName(current) ?? '');
    if (current.type !== 'call') return false;
    const callee = current.childForFieldName('function');
    const args = current.childForFieldName('arguments');
    // `nodes.values()` / `nodes.items()`: the receiver; `list(nodes)` / `tuple(nodes)`: the argument.
    current = callee?.type === 'attribute' ? (callee.childForFieldName('object') ?? undefined) : (args ? namedChildren(args)[0] : undefined);
  }
  return false;
}

function lastName(expression: SyntaxNode): string | undefined {
  if (expression.type === 'identifier') return expression.text;
  if (expression.type === 'attribute') return expression.childForFieldName('attribute')?.text;
  if (expression.type === 'call') {
    const callee = expression.childForFieldName('function');
    return callee ? lastName(callee) : undefined;
  }
  return undefined;
}
