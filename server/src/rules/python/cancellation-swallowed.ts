// cancellation-swallowed (Python): an except clause in an async def that catches the task's
// cancellation and lets the task go on. What it reports and why: the `docs` field below.
import { asyncioMemberOf } from '../../engine/python/asyncioNames';
import { containsAwaitPoint, enclosingAsyncFunction, forEachOwnNode } from '../../engine/python/functionBodies';
import type { ModuleNames } from '../../engine/python/names';
import { namedChildren } from '../../engine/python/parser';
import type { SyntaxNode } from '../../engine/python/parser';
import { definePythonRule } from '../../engine/python/rule';
import { newlineOf, ownLineIndent } from '../../engine/python/statementEdits';
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
      "A handler that ends with `return` (or `break` out of the loop around the try): the author chose to stop the task's work there, so control goes back deliberately; the task finishes instead of running on.",
      'A `try` whose body cannot be cancelled (no await point in it), and a bare/`BaseException` handler after an `except CancelledError` clause of the same `try` (the cancellation never reaches it).',
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
    return {
      except_clause(clause) {
        if (!enclosingAsyncFunction(clause)) return;
        const tryStatement = clause.parent;
        if (tryStatement?.type !== 'try_statement') return;
        const caught = catchesCancellation(clause, module.names);
        if (!caught) return;
        const body = tryStatement.childForFieldName('body');
        if (!body || !containsAwaitPoint(body)) return;
        if (caught.kind !== 'asyncio.CancelledError' && earlierClauseCatchesCancelled(tryStatement, clause, module.names)) return;
        const handler = handlerBlock(clause);
        if (!handler || raises(handler) || returnsControl(handler)) return;
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

/** The handler ends with `return`, or with `break` out of a loop around the try. */
function returnsControl(handler: SyntaxNode): boolean {
  const statements = namedChildren(handler).filter((child) => child.type !== 'comment');
  const last = statements[statements.length - 1];
  return last?.type === 'return_statement' || last?.type === 'break_statement';
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
  return [{ title, kind: 'suggestion', preferred: true, edits: [{ fileName, start: last.endIndex, end: last.endIndex, newText: `${newlineOf(text)}${indent}raise` }] }];
}
