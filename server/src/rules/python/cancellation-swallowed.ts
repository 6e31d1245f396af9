// cancellation-swallowed (Python): an except clause in an async def that catches the task's
// cancellation and lets the task go on. What it reports and why: the `docs` field below.
import { asyncioImports, asyncioMemberOf } from '../../engine/python/asyncioNames';
import { containsAwaitPoint, enclosingAsyncFunction, forEachOwnNode, isAsyncStatement } from '../../engine/python/functionBodies';
import type { ModuleNames } from '../../engine/python/names';
import { namedChildren } from '../../engine/python/parser';
import type { SyntaxNode } from '../../engine/python/parser';
import { definePythonRule } from '../../engine/python/rule';
import { newlineOf } from '../../engine/fixes/edits';
import { ownLineIndent } from '../../engine/python/statementEdits';
import type { Fix } from '../../engine/findings';

type MessageId = 'swallowed';

type Catch = 'asyncio.CancelledError' | 'BaseException' | 'a bare except';

export default definePythonRule<MessageId>({
  id: 'cancellation-swallowed',
  language: 'python',
  concept: 'error-handling',
  defaultSeverity: 'warning',
  description: 'An except clause in an async def that catches asyncio.CancelledError (by name, BaseException or a bare except) and neither re-raises it nor returns: the task goes on after it was cancelled.',
  summary:
    '`except asyncio.CancelledError`, `except BaseException` or a bare `except:` in an `async def` around an await, whose handler neither re-raises nor ends with `return`/`break` (ASYNC103)',
  docs: {
    what:
      "An `except` clause inside an `async def` whose `try` body can be cancelled (it has an `await`, `async for` or `async with`) and that catches the cancellation: `except asyncio.CancelledError` (any spelling: `from asyncio import CancelledError`, `asyncio.exceptions.CancelledError`, in a tuple), `except BaseException`, or a bare `except:`; and whose handler has no `raise` and does not end by returning control (`return`, or `break` out of the loop it is in). A handler that only logs, passes or `continue`s swallows the cancellation. The squiggle covers the caught type (the `except` keyword for a bare except).",
    why:
      "`task.cancel()`, `asyncio.timeout()`, `TaskGroup` and `asyncio.run()`'s shutdown all work by raising `CancelledError` inside the task at its current await. A handler that swallows it lets the task run on: a timeout does not fire, a TaskGroup waits forever for a child that was told to stop, and shutdown hangs.",
    notReported: [
      '`except Exception`: since Python 3.8 `CancelledError` derives from `BaseException`, not `Exception`, so it is not caught.',
      'A handler that contains `raise` anywhere (`raise`, `raise e`, `raise Other(...) from e`): the task still ends with an exception.',
      "In a task's own coroutine (a function of the module whose call, or the function itself, is handed to `create_task`, `ensure_future`, `gather`, `asyncio.run`, `TaskGroup.create_task` or any other call that runs it, such as `io_loop.add_callback(f)`, and that the module never awaits, directly or through `wait_for`), a handler that ends with `return` (or `break` out of the loop around the try), or after which nothing in the function can suspend (only sync code, such as closing a transport, runs before the function ends): the task ends there, deliberately. In a coroutine that callers await the same handler hands control back to the caller as if nothing happened, and is reported. `await other_module.f()` is not an await of this module's `f`.",
      "The coroutine given to `asyncio.run` (the program's main task: only the runner cancels it, on Ctrl-C), when no `async with` (a timeout, a TaskGroup) is around the try: catching that cancellation is how a program exits without a traceback.",
      "Awaiting a task kept in an attribute that the module cancels elsewhere (`self.reader_task.cancel()` in another method), also with `async with asyncio.timeout(...)` inside the try: the CancelledError is that task's. Not when the try itself is inside an `async with` (a timeout, a TaskGroup): the scope's own cancellation arrives there as CancelledError, and swallowing it stops the timeout from firing.",
      "Modules that use trio and not asyncio: trio's cancellation is level-triggered (the next checkpoint raises `Cancelled` again), and it is not asyncio's CancelledError.",
      'A deferred re-raise: the handler sets a flag (`cancelled = True`) that an `if` after the try tests before raising (`if cancelled: raise CancelledError`), once cleanup that must not be interrupted is done, as asyncio\'s own `Condition.wait` does.',
      'A handler that hands the caught exception on: returns, stores or passes the bound exception (`return Error(exc)`, `waiter.set_exception(exc)`, `self._error = exc`), or captures it with `sys.exc_info()`; whoever receives it sees the cancellation. Logging or printing it does not count.',
      'The cancel-then-await idiom: `task.cancel()` earlier in the function, then `try: await task except CancelledError: pass` (the cancellation caught is the one asked for, of the task awaited), and a task that cancels itself (`asyncio.current_task().cancel()`) and catches it.',
      'A `try` whose body cannot be cancelled (no await point in it, or only inside a shielded scope: `with CancelScope(shield=True):`), and a bare/`BaseException` handler after an `except CancelledError` clause of the same `try` (the cancellation never reaches it).',
      'Plain `def` functions: a synchronous function is never cancelled in the middle.',
    ],
    severity: 'Warning: the task ignores cancellation, which hangs timeouts, task groups and shutdown.',
    reference:
      "flake8-async's ASYNC103 (no-reraise-cancelled) reports a cancellation caught without re-raise, including handlers that return; Ruff does not implement it. This rule accepts a handler that returns or breaks out as deliberate.",
    examples: [
      {
        invalid: `import asyncio
import logging


async def worker(queue):
    while True:
        try:
            item = await queue.get()
        except asyncio.CancelledError:
            logging.info("cancelled")
            continue
        print(item)
`,
        valid: `import asyncio
import logging


async def worker(queue):
    while True:
        try:
            item = await queue.get()
        except asyncio.CancelledError:
            logging.info("cancelled")
            raise
        print(item)
`,
      },
    ],
  },
  messages: {
    swallowed:
      "This handler catches the task's cancellation ({caught}) and neither re-raises it nor returns: the task keeps running after it was cancelled, so task.cancel(), asyncio.timeout() and TaskGroup shutdown stop working. End the handler with `raise`.",
  },
  fixAllSafe: 'none: re-raising the cancellation changes control flow; the suggestion is applied by hand.',
  concepts: {
    'error-handling':
      'in Python, an `except` that catches `asyncio.CancelledError` (by name, `BaseException` or a bare `except:`) and lets the task run on.',
    'tasks-and-futures':
      'a Python task that cannot be cancelled because a handler swallows `CancelledError`.',
  },
  create(context) {
    const { module } = context;
    // trio's cancellation is level-triggered (the next checkpoint raises Cancelled again), and it is not asyncio's CancelledError.
    if (usesTrioOnly(module.text)) return {};
    let entries: TaskEntries | undefined;
    const entriesOf = () => (entries ??= taskEntries(module.text, module.names, module.tree.rootNode));
    const isTaskBody = (fn: SyntaxNode) => {
      const name = fn.childForFieldName('name')?.text;
      return !!name && entriesOf().started.has(name) && !entriesOf().awaited.has(name);
    };
    const isMainCoroutine = (fn: SyntaxNode) => {
      const name = fn.childForFieldName('name')?.text;
      return !!name && entriesOf().run.has(name) && !entriesOf().awaited.has(name);
    };
    return {
      except_clause(clause) {
        const fn = enclosingAsyncFunction(clause);
        if (!fn) return;
        const tryStatement = clause.parent;
        if (tryStatement?.type !== 'try_statement') return;
        const caught = catchesCancellation(clause, module.names);
        if (!caught) return;
        const body = tryStatement.childForFieldName('body');
        if (!body || !containsUnshieldedAwait(body)) return;
        // Inside a timeout or TaskGroup scope the CancelledError may be the scope's own: only this function's cancels count there.
        if (awaitsWhatItCancelled(body, fn, insideAsyncWith(tryStatement, fn) ? undefined : module.text)) return;
        if (caught.kind !== 'asyncio.CancelledError' && earlierClauseCatchesCancelled(tryStatement, clause, module.names)) return;
        const handler = handlerBlock(clause);
        if (!handler || raises(handler) || handsOn(clause, handler, module.names) || defersReraise(handler, tryStatement, fn)) return;
        // Returning from a task's own coroutine ends the task: deliberate. Returning from a coroutine
        // that callers await hands control back to them as if nothing happened: still swallowed.
        if ((returnsControl(handler) || nothingSuspendsAfter(tryStatement)) && isTaskBody(fn)) return;
        // The coroutine given to asyncio.run: only the runner cancels it (Ctrl-C), and catching that is how a program exits without a traceback.
        if (isMainCoroutine(fn) && !insideAsyncWith(tryStatement, fn)) return;
        context.report({ node: caught.node, messageId: 'swallowed', data: { caught: caught.kind }, fixes: reraiseFix(module.fileName, module.text, handler) });
      },
    };
  },
});

/** What cancellation the clause catches, and the node to point at; undefined when it does not. */
function catchesCancellation(clause: SyntaxNode, names: ModuleNames): { kind: Catch; node: SyntaxNode } | undefined {
  const value = clause.childForFieldName('value');
  if (!value) {
    const keyword = clause.child(0);
    return keyword && !namedChildren(clause).some((child) => child.type !== 'block' && child.type !== 'comment') ? { kind: 'a bare except', node: keyword } : undefined;
  }
  const typeExpression = value.type === 'as_pattern' ? namedChildren(value)[0] : value;
  if (!typeExpression) return undefined;
  const types = typeExpression.type === 'tuple' || typeExpression.type === 'parenthesized_expression' ? namedChildren(typeExpression) : [typeExpression];
  let kind: Catch | undefined;
  for (const type of types) {
    // Resolve only what could be spelled as one: `...CancelledError`, `BaseException`, or a name imported from asyncio.
    if (!/(?:CancelledError|BaseException)$/.test(type.text) && !(type.type === 'identifier' && asyncioImports(names).has(type.text))) continue;
    const qualified = names.qualifiedName(type);
    if (asyncioMemberOf(qualified) === 'CancelledError') kind = 'asyncio.CancelledError';
    else if (qualified === 'builtins.BaseException' && !kind) kind = 'BaseException';
  }
  return kind ? { kind, node: typeExpression } : undefined;
}

function earlierClauseCatchesCancelled(tryStatement: SyntaxNode, clause: SyntaxNode, names: ModuleNames): boolean {
  for (const other of namedChildren(tryStatement)) {
    if (other.id === clause.id) return false;
    if (other.type === 'except_clause' && catchesCancellation(other, names)?.kind === 'asyncio.CancelledError') return true;
  }
  return false;
}

function handlerBlock(clause: SyntaxNode): SyntaxNode | undefined {
  return namedChildren(clause).find((child) => child.type === 'block');
}

function raises(handler: SyntaxNode): boolean {
  let found = false;
  forEachOwnNode(handler, (node) => {
    if (node.type === 'raise_statement') found = true;
    return !found;
  });
  return found;
}

/**
 * The handler sets a flag (`cancelled = True`) that an `if` after the try tests before raising:
 * the cancellation is re-raised later, once cleanup that must not be interrupted is done (asyncio's
 * own `Condition.wait` re-acquires its lock in a loop, then raises CancelledError).
 */
function defersReraise(handler: SyntaxNode, tryStatement: SyntaxNode, fn: SyntaxNode): boolean {
  const flags = new Set<string>();
  for (const statement of namedChildren(handler)) {
    const assignment = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    if (left?.type === 'identifier') flags.add(left.text);
  }
  if (flags.size === 0) return false;
  const after = tryStatement.endIndex;
  for (const ifStatement of fn.descendantsOfType('if_statement')) {
    if (!ifStatement || ifStatement.startIndex < after) continue;
    const condition = ifStatement.childForFieldName('condition');
    const tested = condition ? [condition, ...condition.descendantsOfType('identifier')].filter((node) => node?.type === 'identifier') : [];
    const consequence = ifStatement.childForFieldName('consequence');
    if (consequence && tested.some((name) => flags.has(name!.text)) && raises(consequence)) return true;
  }
  return false;
}

/** The handler ends with `return`, or with `break` out of a loop around the try. */
function returnsControl(handler: SyntaxNode): boolean {
  const statements = namedChildren(handler).filter((child) => child.type !== 'comment');
  const last = statements[statements.length - 1];
  return last?.type === 'return_statement' || last?.type === 'break_statement';
}

/** An await point in the try body outside a shielded scope (`with CancelScope(shield=True):`, `anyio.CancelScope(shield=True)`). */
function containsUnshieldedAwait(body: SyntaxNode): boolean {
  let found = false;
  forEachOwnNode(body, (node) => {
    if (found) return false;
    if (node.type === 'with_statement' && /\bshield\s*=\s*True\b/.test(namedChildren(node).find((child) => child.type === 'with_clause')?.text ?? '')) return false;
    if (node.type === 'await' || isAsyncStatement(node)) found = true;
    return !found;
  });
  return found;
}

/**
 * `task.cancel()` and then `try: await task except CancelledError: pass`: the cancellation caught is the
 * one this code asked for, of the task it awaits (every await in the try body awaits such a task); or
 * the task cancels itself (`asyncio.current_task().cancel()`) and catches its own cancellation. A task
 * kept in an attribute (`self._reader_task`) may be cancelled by another method of the module (given
 * `moduleText`): awaiting it then raises that cancellation here. An `async with asyncio.timeout(...)` around the await turns its
 * own cancellation into TimeoutError, so it does not change where a CancelledError comes from.
 */
function awaitsWhatItCancelled(body: SyntaxNode, fn: SyntaxNode, moduleText: string | undefined): boolean {
  const awaited: string[] = [];
  let other = false;
  forEachOwnNode(body, (node) => {
    if (node.type === 'await') {
      let inner = namedChildren(node)[0];
      if (inner?.type === 'call' && /^asyncio\.wait_for$|(?:^|\.)wait_for$/.test(inner.childForFieldName('function')?.text ?? '')) inner = namedChildren(inner.childForFieldName('arguments') ?? inner)[0];
      if (inner && (inner.type === 'identifier' || inner.type === 'attribute')) awaited.push(inner.text);
      else other = true;
    } else if (isAsyncStatement(node) && !isTimeoutScope(node)) other = true;
  });
  // `X.cancel()` called, or `X.cancel` handed to call_soon, before the handler; `current_task().cancel()`: the task cancels itself.
  const cancelled = new Set<string>();
  let selfCancelled = false;
  forEachOwnNode(fn, (node) => {
    if (node.type !== 'attribute' || node.startIndex >= body.endIndex || node.childForFieldName('attribute')?.text !== 'cancel') return;
    const object = node.childForFieldName('object');
    if (object?.type === 'call' && /(?:^|\.)current_task$/.test(object.childForFieldName('function')?.text ?? '')) selfCancelled = true;
    else if (object) cancelled.add(object.text);
  });
  if (selfCancelled) return true;
  if (other || awaited.length === 0) return false;
  if (moduleText) for (const match of moduleText.matchAll(ATTRIBUTE_CANCELLED)) cancelled.add(match[1]);
  return awaited.every((name) => cancelled.has(name));
}

/** `self._task.cancel()` anywhere in the module: an attribute's task, cancelled by some method. */
const ATTRIBUTE_CANCELLED = /\b(self\.[\w.]+)\.cancel\(\s*\)/g;
/** `asyncio.timeout(...)`, `asyncio.timeout_at(...)`, `async_timeout.timeout(...)`: scopes that raise TimeoutError, not CancelledError. */
const TIMEOUT_CONTEXT = /^(?:[\w.]+\.)?(?:timeout|timeout_at)\(/;

/** `async with asyncio.timeout(t):` and nothing else in the with clause. */
function isTimeoutScope(statement: SyntaxNode): boolean {
  if (statement.type !== 'with_statement') return false;
  const clause = namedChildren(statement).find((child) => child.type === 'with_clause');
  const items = clause ? namedChildren(clause) : [];
  return items.length > 0 && items.every((item) => TIMEOUT_CONTEXT.test(item.text));
}

interface TaskEntries {
  /** Names of coroutine functions whose call is handed to create_task, ensure_future, gather, asyncio.run, TaskGroup.create_task... (by spelling) */
  started: Set<string>;
  /** Names of coroutine functions awaited directly somewhere in the module. */
  awaited: Set<string>;
  /** Names of coroutine functions given to a runner (`asyncio.run(main())`): the program's main task. */
  run: Set<string>;
}

/**
 * Calls that start a coroutine as a task: asyncio's, a TaskGroup's, trio/anyio's, a loop's, and any
 * other call a coroutine or a coroutine function is handed to without being awaited
 * (`gen.convert_yielded(self._serve())`, `io_loop.add_callback(callback)`): whoever receives it runs
 * it, and its caller does not wait for it. `await wrap(self.f())` is not one (see AWAITED_THROUGH).
 */
const STARTER_CALL = /(?<!\bawait\s+(?:[\w.]+\.)?)\b\w+\((?=\s*(?:[\w.]+\.)?(\w+)\s*([(),]))/g;
const RUNNER_CALL = /\b(?:run|run_until_complete)\(\s*(?:[\w.]+\.)?(\w+)\s*\(/g;
const AWAITED_CALL = /\bawait\s+(?:([\w.]+)\.)?(\w+)\s*\(/g;
/** `await asyncio.wait_for(self.f(), t)`, `await shield(f())`, `await wrap(f())`: the caller still waits for f. */
const AWAITED_THROUGH = /\bawait\s+(?:[\w.]+\.)?\w+\(\s*(?:[\w.]+\.)?(\w+)\s*\(/g;
const COROUTINE_VARIABLE = /\b(\w+)\s*=\s*(?:[\w.]+\.)?(\w+)\s*\(/g;

/**
 * Which functions of the module run as a task's own coroutine (by the name they are called by:
 * `worker`, `self._serve`), read from the text: a full walk of the tree for this would cost more than
 * the rule's whole analysis, and the answer only ever exempts a handler. `accept = self._accept(c);
 * self.create_task(accept)` counts through the variable. `await other_module.f()` (a name bound by an
 * import) awaits another module's function, not this module's `f`.
 */
function taskEntries(text: string, names: ModuleNames, root: SyntaxNode): TaskEntries {
  const entries: TaskEntries = { started: new Set(), awaited: new Set(), run: new Set() };
  const variables = new Map<string, string>();
  for (const match of text.matchAll(COROUTINE_VARIABLE)) variables.set(match[1], match[2]);
  for (const match of text.matchAll(STARTER_CALL)) {
    // `create_task(worker(q))` names the function; `create_task(coro)` names a variable holding its coroutine.
    entries.started.add(match[2] === '(' ? match[1] : (variables.get(match[1]) ?? match[1]));
  }
  for (const match of text.matchAll(RUNNER_CALL)) entries.run.add(match[1]);
  for (const match of text.matchAll(AWAITED_CALL)) {
    const receiver = match[1]?.split('.')[0];
    const binding = receiver ? names.lookupFrom(receiver, root) : undefined;
    if (binding?.kind === 'module' || binding?.kind === 'imported') continue;
    entries.awaited.add(match[2]);
  }
  for (const match of text.matchAll(AWAITED_THROUGH)) entries.awaited.add(match[1]);
  return entries;
}

/** The module uses trio and not asyncio (by its imports). */
function usesTrioOnly(text: string): boolean {
  return /^(?:import trio\b|from trio\b)/m.test(text) && !/^(?:import asyncio\b|from asyncio\b)/m.test(text);
}

/** The try statement is inside an `async with` of the function (a TaskGroup, a timeout): those cancel too. */
function insideAsyncWith(tryStatement: SyntaxNode, fn: SyntaxNode): boolean {
  for (let current = tryStatement.parent; current && current.id !== fn.id; current = current.parent) {
    if (isAsyncStatement(current) && current.type === 'with_statement') return true;
  }
  return false;
}

/** Calls that only report an exception: passing it to one of these is not handing it on. */
const REPORTING_CALLS = /^(?:debug|info|warning|warn|error|exception|critical|fatal|log|print|print_exc|print_exception|format_exc|format_exception|str|repr|format|write|add_note)$/;

/**
 * The handler hands the caught exception on instead of dropping it: it returns, stores or passes the
 * bound exception (`return Error(exc)`, `waiter.set_exception(exc)`, `self._add_exc(exc)`,
 * `errors[i] = exc`), or captures it with `sys.exc_info()` / `sys.exception()`. Whoever receives it
 * sees the cancellation. Only logging or printing it (`log.warning("...", exc)`) does not count.
 */
function handsOn(clause: SyntaxNode, handler: SyntaxNode, names: ModuleNames): boolean {
  const value = clause.childForFieldName('value');
  const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias') : undefined;
  const name = alias ? namedChildren(alias)[0]?.text : undefined;
  let found = false;
  forEachOwnNode(handler, (node) => {
    if (found) return false;
    if (node.type === 'call') {
      const qualified = names.calleeName(node);
      if (qualified === 'sys.exc_info' || qualified === 'sys.exception') found = true;
    }
    if (name && node.type === 'identifier' && node.text === name && isPassedOn(node)) found = true;
    return !found;
  });
  return found;
}

/** The exception object goes somewhere: returned, assigned, put in a container, or given to a call that is not a report. */
function isPassedOn(identifier: SyntaxNode): boolean {
  let child = identifier;
  for (let parent = identifier.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'return_statement':
        return true;
      case 'assignment':
        return parent.childForFieldName('right')?.id === child.id;
      case 'argument_list': {
        const callee = parent.parent?.childForFieldName('function');
        const last = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.type === 'identifier' ? callee.text : undefined;
        if (last && REPORTING_CALLS.test(last)) return false;
        return true;
      }
      case 'list':
      case 'tuple':
      case 'dictionary':
      case 'pair':
      case 'set':
      case 'parenthesized_expression':
      case 'keyword_argument':
        continue;
      default:
        return false;
    }
  }
  return false;
}

/**
 * Nothing after the try statement can suspend: the statements that follow it up to the end of the
 * function (through the if/with/try blocks around it, not a loop) have no await point, so the task
 * ends without waiting again, just as a `return` in the handler would end it.
 */
function nothingSuspendsAfter(tryStatement: SyntaxNode): boolean {
  let statement = tryStatement;
  for (;;) {
    const block = statement.parent;
    if (!block) return false;
    if (block.type !== 'block') {
      // An elif/else clause: its if statement is the statement to look at.
      if (['else_clause', 'elif_clause', 'except_clause', 'finally_clause'].includes(block.type) && block.parent) {
        statement = block.parent;
        continue;
      }
      return false;
    }
    const statements = namedChildren(block).filter((child) => child.type !== 'comment');
    const index = statements.findIndex((child) => child.id === statement.id);
    if (statements.slice(index + 1).some(containsAwaitPoint)) return false;
    const owner = block.parent;
    if (!owner) return false;
    if (owner.type === 'function_definition') return true;
    // The body of an outer try: its else clause runs next, the handler having swallowed the exception.
    if (owner.type === 'try_statement' && namedChildren(owner).some((child) => child.type === 'else_clause' && containsAwaitPoint(child))) return false;
    if (owner.type === 'for_statement' || owner.type === 'while_statement') return false;
    if (['else_clause', 'elif_clause', 'except_clause', 'finally_clause'].includes(owner.type)) {
      if (owner.parent?.type === 'for_statement' || owner.parent?.type === 'while_statement') return false;
      statement = owner.parent ?? owner;
      continue;
    }
    if (['if_statement', 'with_statement', 'try_statement'].includes(owner.type)) {
      statement = owner;
      continue;
    }
    return false;
  }
}

/** "Re-raise the cancellation": `raise` at the end of the handler (in place of a final `pass` or `continue`). */
function reraiseFix(fileName: string, text: string, handler: SyntaxNode): Fix[] {
  const statements = namedChildren(handler).filter((child) => child.type !== 'comment');
  const last = statements[statements.length - 1];
  if (!last) return [];
  const indent = ownLineIndent(text, last);
  if (indent === undefined || handler.startPosition.row === handler.parent?.startPosition.row) return [];
  const title = 'Re-raise the cancellation (add `raise` at the end of the handler)';
  if (last.type === 'pass_statement' || last.type === 'continue_statement') {
    return [{ title, kind: 'suggestion', preferred: true, edits: [{ fileName, start: last.startIndex, end: last.endIndex, newText: 'raise' }] }];
  }
  return [{ title, kind: 'suggestion', preferred: true, edits: [{ fileName, start: last.endIndex, end: last.endIndex, newText: `${newlineOf({ text })}${indent}raise` }] }];
}
