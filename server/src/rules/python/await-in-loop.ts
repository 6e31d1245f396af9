// await-in-loop (Python): a `for` loop in an async def that awaits independent work one item at a
// time. What it reports and why: the `docs` field below.
import * as path from 'node:path';
import { asyncioCallee } from '../../engine/python/asyncioNames';
import { containsAwaitPoint, enclosingAsyncFunction, enclosingFunction, enclosingLoop, forEachOwnNode, isAsyncFunction, isAsyncStatement } from '../../engine/python/functionBodies';
import { boundNames, carriesState, isVariableReference, rootName } from '../../engine/python/loopIterations';
import type { ModuleNames } from '../../engine/python/names';
import { namedChildren } from '../../engine/python/parser';
import type { SyntaxNode } from '../../engine/python/parser';
import { definePythonRule } from '../../engine/python/rule';
import type { PythonModule } from '../../engine/python/rule';
import { methodOf } from '../../engine/python/project';
import { isSetupNamed } from '../../engine/python/startupCode';

type MessageId = 'awaitInLoop';

/** Deliberate pauses and batches: a loop that sleeps paces itself; one that gathers already batches. */
const PAUSES = /^(?:sleep|delay|wait|pause|backoff|throttle|rate_?limit\w*|checkpoint)$/i;
const PAUSES_AND_BATCHES = new Set(['sleep', 'gather', 'wait', 'as_completed', 'TaskGroup']);
/** Calls that write to one channel in order. */
const ORDERED_CALLS = /^(?:write|write_\w+|writelines|writerow|writerows|drain|send|send_\w+|sendall|sendto|put|publish|emit|flush|commit|rollback|execute|executemany|fetch(?:one|all|many|row|val)|acquire|release)$/;
/** The last word of a name that holds one stateful resource: queries on it run one at a time. */
const RESOURCE_WORDS = /(?:^|_)(?:conn|connection|con|protocol|proto|transport|tx|txn|transaction|session|cursor|cur|writer|reader|stream|ws|websocket|socket|sock|channel|chan|queue|q|lock|page|browser|proc|process|pipe|file|fp|fh|f|db_session|uow)$/i;
/** HTTP context managers that start a request: `async with session.get(u) as r`. */
const REQUEST_CONTEXTS = /^(?:get|post|put|patch|delete|head|options|request|stream|ws_connect)$/;
const SEQUENTIAL_WORDING = /\b(?:in (?:series|sequence|turn)|in order\b(?! to)|sequential(?:ly)?|serial(?:ly|ised|ized)?|one (?:\w+ )?(?:at a time|after (?:another|the other)|by one)|waterfall|rate[- ]limit\w*|(?:not|never|avoid|without|no) (?:run(?:ning)? )?(?:in )?(?:parallel|concurrent(?:ly)?))/i;
const SEQUENTIAL_FUNCTION_NAME = /waterfall|series|sequen|serial|in_order|one_by_one|one_at_a_time/i;
const SEQUENTIAL_FLAG = /^(?:ordered|sequential|serial|series|in_series|in_order|in_sequence|serially|sequentially)$/i;
const COMMENT_WINDOW_LINES = 6;

export default definePythonRule<MessageId>({
  id: 'await-in-loop',
  language: 'python',
  concept: 'concurrency-vs-parallelism',
  defaultSeverity: 'info',
  description: 'An await inside a loop whose iterations do not depend on each other: the waits run one after another instead of together.',
  summary:
    '`for u in urls: await fetch(u)` in an `async def` whose iterations do not depend on each other (accumulators, early exits, pauses, one connection or session, ordered writes and loops marked sequential stay silent)',
  docs: {
    what:
      "In Python: an `await` of a call in the body of a `for` loop (not `async for`) inside an `async def`, when the iterations are independent: each iteration uses the loop's item, and nothing one iteration does is read by the next. One finding per loop, on its first such `await`. No fix is offered: `asyncio.gather` or a `TaskGroup` is a rewrite of the loop that only its author can judge (error handling and how many run at once change).",
    why:
      'Each iteration waits for the previous one: n independent requests take n round trips instead of about one. Started together (`asyncio.gather(*(fetch(u) for u in urls))`, or `tg.create_task` in an `asyncio.TaskGroup`), the waits overlap.',
    notReported: [
      "`while` loops and `async for` (polling, retrying, streaming), and loops whose item the awaited work does not use (`for _ in range(3): await ping()` repeats one action).",
      'A variable carried from one iteration to the next (`prev = await f(prev)`, `total += await size(u)`), a `break`, `continue`, `return` or `raise` after the first await (the awaited value decides whether to go on), and a body that changes the collection it iterates.',
      'A deliberate pause (`await asyncio.sleep(...)` or any `sleep`/`backoff`/`throttle` call), a batch in the body (`gather`, `wait`, `TaskGroup`), ordered writes (`write`, `write_frame`, `drain`, `send`, `put`, `publish`, `execute`, `commit`...), `async with` other than an HTTP request (`async with lock:`, a transaction), and a `yield` (an async generator hands items out in order).',
      'Iterations that share one stateful resource: an awaited call on, or given, a connection, transaction, session, cursor, stream, websocket, queue, lock or page that is the same object in every iteration (by the last word of its name: `conn`, `protocol`, `transport`, `session`, `cursor`, `ws`...); awaiting the item itself or a method of it (`await job.run()`, `await task`).',
      'An awaited `async def` of the module (a function, or a method called on `self`) with no await point in its body: it never lets another task run, so there is nothing to overlap. Loops in start-up functions (`startup`, `lifespan`, `init…`, `setup…`, `bootstrap`, `configure…`, `migrate…`; not a script\'s `main`), which run once before anything is served.',
      'Loops the author says are sequential: a comment in the loop or up to 6 lines above it, or the docstring of the function ("in order", "in turn", "one at a time", "sequentially", "rate limit"...), a function name (`*_sequential`, `*_in_series`), an `if ordered:` guard; and test files (`test_*.py`, `*_test.py`, `conftest.py`), whose steps are ordered on purpose.',
    ],
    severity: 'Info: a loop run in series is slower, not wrong.',
    reference:
      "Ruff's PERF401-style rules do not look at awaits; pylint has no await-in-loop check. flake8-async has none either. ESLint's `no-await-in-loop` reports every await in a loop, including the sequential ones above.",
    examples: [
      {
        invalid: `import asyncio


async def fetch(url):
    await asyncio.sleep(0.1)
    return url


async def fetch_all(urls):
    pages = []
    for url in urls:
        pages.append(await fetch(url))
    return pages
`,
        valid: `import asyncio


async def fetch(url):
    await asyncio.sleep(0.1)
    return url


async def fetch_all(urls):
    limit = asyncio.Semaphore(10)

    async def fetch_one(url):
        async with limit:
            return await fetch(url)

    return await asyncio.gather(*(fetch_one(url) for url in urls))
`,
      },
    ],
  },
  messages: {
    awaitInLoop:
      'Each iteration waits for the previous one: these awaits run one after another. If the iterations are independent, start them together with asyncio.gather(...) or tasks in an asyncio.TaskGroup (with an asyncio.Semaphore to cap a large collection).',
  },
  concepts: {
    'concurrency-vs-parallelism': 'in Python, an `await` in a `for` loop whose iterations do not depend on each other.',
    'fan-out': 'independent Python coroutines awaited one per iteration instead of gathered.',
  },
  create(context) {
    const { module } = context;
    const base = path.basename(module.fileName);
    if (/^(?:test_.*|.*_test|conftest)\.py$/.test(base)) return {};
    let lines: string[] | undefined;
    return {
      for_statement(loop) {
        const fn = isAsyncStatement(loop) ? undefined : enclosingAsyncFunction(loop);
        // Start-up code runs once: awaiting each listening socket's server in turn delays nothing that is served.
        // A script's `main` is not: its loop over the input is the slow one this rule is for.
        const name = fn?.childForFieldName('name')?.text ?? '';
        if (!fn || (isSetupNamed(name) && !/^_*main$/.test(name))) return;
        lines ??= module.text.split('\n');
        const report = judgeLoop(loop, module, lines);
        if (report) context.report({ node: report, messageId: 'awaitInLoop' });
      },
    };
  },
});

function judgeLoop(loop: SyntaxNode, module: PythonModule, lines: string[]): SyntaxNode | undefined {
  const body = loop.childForFieldName('body');
  const header = loop.childForFieldName('right');
  if (!body || !header) return undefined;
  const targets = new Set(boundNames(loop.childForFieldName('left')));
  if (targets.size === 0) return undefined;
  const { names } = module;

  const awaits: SyntaxNode[] = [];
  let sequential = false;
  forEachOwnNode(body, (node) => {
    if (sequential) return false;
    if (node.type === 'await') awaits.push(node);
    else if (node.type === 'yield' || (node.type === 'for_statement' && isAsyncStatement(node))) sequential = true;
    else if (node.type === 'with_statement' && isAsyncStatement(node) && !startsRequest(node)) sequential = true;
    else if (node.type === 'call' && orderedOrPause(node, names, targets)) sequential = true;
    return !sequential;
  });
  if (sequential || awaits.length === 0) return undefined;

  const firstAwait = awaits[0].startIndex;
  let jumps = false;
  forEachOwnNode(body, (node) => {
    if (['break_statement', 'continue_statement', 'return_statement', 'raise_statement'].includes(node.type) && node.endIndex > firstAwait) jumps = true;
    return !jumps;
  });
  if (jumps) return undefined;
  if (carriesState(loop)) return undefined;
  if (declaredSequential(loop, module, lines)) return undefined;

  // `await receiver(sender)`, `await wrap(handler)(event)`, `await handlers[i]()`: the items are the work, run in order.
  if (awaits.some((awaited) => calleeUsesItem(awaited, targets))) return undefined;
  const candidate = awaits.find((awaited) => enclosingLoop(awaited)?.id === loop.id && startsIndependentWork(awaited, targets) && !neverSuspends(awaited, names));
  if (!candidate) return undefined;
  // The awaited work must use the item (or a value computed from it): otherwise the loop repeats one action.
  const itemNames = derivedNames(body, targets);
  const requests: SyntaxNode[] = [];
  forEachOwnNode(body, (node) => {
    if (node.type === 'with_statement' && isAsyncStatement(node)) requests.push(...namedChildren(node).filter((child) => child.type === 'with_clause'));
  });
  if (![...awaits, ...requests].some((node) => usesAny(node, itemNames))) return undefined;
  return candidate;
}

/** The loop's target names and the names the body assigns from them (`url = base + item`), in source order. */
function derivedNames(body: SyntaxNode, targets: Set<string>): Set<string> {
  const result = new Set(targets);
  forEachOwnNode(body, (node) => {
    if (node.type === 'assignment') {
      const right = node.childForFieldName('right');
      if (right && usesAny(right, result)) for (const name of boundNames(node.childForFieldName('left'))) result.add(name);
    } else if (node.type === 'as_pattern') {
      const value = namedChildren(node)[0];
      const alias = node.childForFieldName('alias');
      if (value && alias && usesAny(value, result)) for (const name of namedChildren(alias).flatMap(boundNames)) result.add(name);
    }
  });
  return result;
}

/** `async with session.get(url) as response`: a request, which may overlap with others. */
function startsRequest(statement: SyntaxNode): boolean {
  const clause = namedChildren(statement).find((child) => child.type === 'with_clause');
  const items = clause ? namedChildren(clause) : [];
  return items.length > 0 && items.every((item) => {
    let value = item.childForFieldName('value');
    if (value?.type === 'as_pattern') value = namedChildren(value)[0] ?? null;
    const callee = value?.type === 'call' ? value.childForFieldName('function') : undefined;
    return callee?.type === 'attribute' && REQUEST_CONTEXTS.test(callee.childForFieldName('attribute')?.text ?? '') && !holdsResource(callee.childForFieldName('object'), new Set());
  });
}

/** A pause, a batch, an ordered write, or work on one shared resource: the loop is sequential on purpose. */
function orderedOrPause(call: SyntaxNode, names: ModuleNames, targets: Set<string>): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  if (asyncioCallee(names, call, PAUSES_AND_BATCHES)) return true;
  const last = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.type === 'identifier' ? callee.text : undefined;
  if (!last) return false;
  if (PAUSES.test(last)) return true;
  if (callee.type === 'attribute') {
    const receiver = callee.childForFieldName('object');
    if (ORDERED_CALLS.test(last) && !(receiver && usesAny(receiver, targets))) return true;
    if (holdsResource(receiver, targets)) return true;
    // A method of the item itself: `await job.run()`, `await user.save()`.
    const root = receiver && rootName(receiver);
    if (root && targets.has(root) && isAwaited(call)) return true;
  }
  const args = call.childForFieldName('arguments');
  return !!args && namedChildren(args).some((argument) => holdsResource(argument.type === 'keyword_argument' ? argument.childForFieldName('value') : argument, targets));
}

/** A name (or attribute) whose last word names one stateful resource, and that is not the loop's item. */
function holdsResource(expression: SyntaxNode | null | undefined, targets: Set<string>): boolean {
  if (!expression) return false;
  const last = expression.type === 'attribute' ? expression.childForFieldName('attribute')?.text : expression.type === 'identifier' ? expression.text : undefined;
  if (!last || !RESOURCE_WORDS.test(last)) return false;
  const root = rootName(expression);
  return !(root && targets.has(root));
}

function isAwaited(call: SyntaxNode): boolean {
  let current = call;
  while (current.parent?.type === 'parenthesized_expression') current = current.parent;
  return current.parent?.type === 'await';
}

/** `await f(item)`: a call that starts work; not `await item` / `await item()` (running the items in order is the loop's point). */
function startsIndependentWork(awaited: SyntaxNode, targets: Set<string>): boolean {
  let inner = namedChildren(awaited)[0];
  while (inner?.type === 'parenthesized_expression') inner = namedChildren(inner)[0];
  if (inner?.type !== 'call') return false;
  const callee = inner.childForFieldName('function');
  if (!callee) return false;
  const root = rootName(callee);
  return !(callee.type === 'identifier' && targets.has(callee.text)) && !(root && targets.has(root) && callee.type !== 'attribute');
}

/**
 * `await self._is_keyless(c)` of an `async def` of this module whose body has no await point: it
 * returns without ever letting another task run, so there is nothing to overlap.
 */
function neverSuspends(awaited: SyntaxNode, names: ModuleNames): boolean {
  let inner = namedChildren(awaited)[0];
  while (inner?.type === 'parenthesized_expression') inner = namedChildren(inner)[0];
  const callee = inner?.type === 'call' ? inner.childForFieldName('function') : undefined;
  if (!callee) return false;
  const definition = callee.type === 'identifier' ? names.definitionOf(callee) : ownMethod(callee);
  return !!definition && definition.type === 'function_definition' && isAsyncFunction(definition) && !containsAwaitPoint(definition);
}

/** `self.name` inside a method: the method `name` of the enclosing class, if it defines one. */
function ownMethod(callee: SyntaxNode): SyntaxNode | undefined {
  if (callee.type !== 'attribute' || callee.childForFieldName('object')?.text !== 'self') return undefined;
  const method = enclosingFunction(callee);
  let statement = method?.parent;
  if (statement?.type === 'decorated_definition') statement = statement.parent;
  const classNode = statement?.type === 'block' && statement.parent?.type === 'class_definition' ? statement.parent : undefined;
  const name = callee.childForFieldName('attribute')?.text;
  return classNode && name ? methodOf(classNode, name) : undefined;
}

function calleeUsesItem(awaited: SyntaxNode, targets: Set<string>): boolean {
  let inner = namedChildren(awaited)[0];
  while (inner?.type === 'parenthesized_expression') inner = namedChildren(inner)[0];
  if (!inner) return false;
  if (inner.type !== 'call') return usesAny(inner, targets);
  const callee = inner.childForFieldName('function');
  if (!callee) return false;
  // `await item.run()`, `await clients[item].get()`: the item's own work. `await self.process(item)` is work on the item.
  if (callee.type === 'attribute') {
    const object = callee.childForFieldName('object');
    return !!object && usesAny(object, targets);
  }
  return usesAny(callee, targets);
}

function usesAny(node: SyntaxNode, targets: Set<string>): boolean {
  let found = false;
  forEachOwnNode(node, (child) => {
    if (child.type === 'identifier' && targets.has(child.text) && isVariableReference(child)) found = true;
    return !found;
  });
  return found;
}

/** A comment in or just above the loop, the function's name, or an `if ordered:` guard says the order matters. */
function declaredSequential(loop: SyntaxNode, module: PythonModule, lines: string[]): boolean {
  const from = Math.max(0, loop.startPosition.row - COMMENT_WINDOW_LINES);
  for (let row = from; row <= loop.endPosition.row && row < lines.length; row++) {
    const hash = commentOf(lines[row]);
    if (hash && SEQUENTIAL_WORDING.test(hash)) return true;
  }
  const fn = enclosingFunction(loop);
  // The comment block right above the loop or above a statement around it (`while pending:` explained at length above).
  for (let statement: SyntaxNode | null = loop; statement && statement.id !== fn?.id; statement = statement.parent) {
    if (statement.type === 'block') continue;
    for (let row = statement.startPosition.row - 1; row >= 0 && row >= statement.startPosition.row - 40; row--) {
      const line = lines[row].trim();
      if (line === '') continue;
      if (!line.startsWith('#')) break;
      if (SEQUENTIAL_WORDING.test(line)) return true;
    }
  }
  const name = fn?.childForFieldName('name')?.text;
  if (name && SEQUENTIAL_FUNCTION_NAME.test(name)) return true;
  const docstring = fn && docstringOf(fn);
  if (docstring && SEQUENTIAL_WORDING.test(docstring)) return true;
  for (let current = loop.parent; current && current.id !== fn?.id; current = current.parent) {
    if (current.type === 'if_statement') {
      const condition = current.childForFieldName('condition');
      const last = condition && (condition.type === 'attribute' ? condition.childForFieldName('attribute')?.text : condition.type === 'identifier' ? condition.text : undefined);
      if (last && SEQUENTIAL_FLAG.test(last)) return true;
    }
  }
  return false;
}

/** The function's docstring (its first statement, a string), or undefined. */
function docstringOf(fn: SyntaxNode): string | undefined {
  const first = fn.childForFieldName('body')?.firstNamedChild;
  const expression = first?.type === 'expression_statement' ? first.firstNamedChild : undefined;
  return expression?.type === 'string' ? expression.text : undefined;
}

/** The comment on a line (a `#` outside quotes, roughly), or undefined. */
function commentOf(line: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(i);
  }
  return undefined;
}
