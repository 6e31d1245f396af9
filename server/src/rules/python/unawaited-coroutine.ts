// unawaited-coroutine: a call to a coroutine function whose coroutine is dropped or used as a value,
// so it never runs. What it reports and why: `docs` below.
import { isAsyncStatement } from '../../engine/python/functionBodies';
import { insidePytestRaises } from '../../engine/python/pytestRaises';
import { isKnownCoroutineFunction } from '../../engine/python/catalogue';
import { addAwaitEdits, awaitAllowedAt } from '../../engine/python/fixes';
import { enclosingScope } from '../../engine/python/names';
import type { SyntaxNode } from '../../engine/python/parser';
import { PythonModule, PythonRuleContext, definePythonRule } from '../../engine/python/rule';

type MessageId = 'dropped' | 'usedAsValue' | 'storedNeverAwaited';

/** Decorators that leave an `async def` a coroutine function; any other may wrap it into something else (`asynccontextmanager`, a route, a task factory). */
const TRANSPARENT_DECORATORS = new Set(['staticmethod', 'classmethod', 'abstractmethod', 'abc.abstractmethod', 'override', 'typing.override', 'typing_extensions.override', 'functools.wraps']);
/** Builtins that take any value: a coroutine given to them is used as a value. */
const VALUE_CONSUMERS = new Set(['builtins.print', 'builtins.str', 'builtins.bool', 'builtins.int', 'builtins.float', 'builtins.len', 'builtins.repr', 'builtins.list', 'builtins.dict', 'builtins.tuple', 'builtins.set', 'builtins.sorted', 'json.dumps']);
/** What a coroutine object has: reading these is using the coroutine, not its value. */
const COROUTINE_MEMBERS = new Set(['send', 'throw', 'close', '__await__', 'cr_await', 'cr_frame', 'cr_running', 'cr_code', 'cr_origin', '__name__', '__qualname__']);

type Use = { kind: 'ok' } | { kind: 'dropped' } | { kind: 'value'; how: string };

export default definePythonRule<MessageId>({
  id: 'unawaited-coroutine',
  language: 'python',
  concept: 'coroutines',
  concepts: {
    coroutines: 'a call to an `async def` (or `asyncio.sleep`, an aiohttp/httpx/asyncpg call) whose coroutine is dropped or used as a value: it never runs.',
    await: 'a coroutine tested, read or stored without `await`: the code gets a coroutine object, not the result.',
  },
  defaultSeverity: 'warning',
  description:
    'A call to a coroutine function (a project `async def`, or a known async API such as `asyncio.sleep` or an aiohttp session method) whose coroutine is dropped, used as a value (`if check():`, `fetch().status`) or stored and never awaited: it never runs.',
  docs: {
    what:
      'A call to a coroutine function whose coroutine is never awaited: dropped as a statement (`save(item)`), used as a value (`if check():`, `fetch().status`, `print(load())`, `for x in rows():`), or stored in a variable that is only read as a value or never used (`x = fetch(); x.status`). Coroutine functions are the project\'s `async def`s (across modules, through imports and re-exports) and known async APIs (`asyncio.sleep`, `asyncio.wait_for`, `aiohttp.ClientSession` and `httpx.AsyncClient` methods, `asyncpg`, `aiofiles.open`, ...).',
    why:
      'Calling an `async def` only creates a coroutine object; its body runs when the coroutine is awaited or scheduled. Dropped, the work silently never happens (Python warns `coroutine ... was never awaited` at garbage collection, if anyone looks); as a value, a coroutine is always true and has none of its result\'s attributes.',
    notReported: [
      'A coroutine awaited, returned, yielded, given to `asyncio.create_task`/`ensure_future`/`gather`/`run`/`wait_for`/`shield`/`TaskGroup.create_task` or to any other function, put in a list, dict or attribute (`self.job = run()`), or stored and awaited later.',
      '`async with session.get(url) as r:` (an async context manager) and `async for` over an async generator.',
      'An `async def` that yields (an async generator), or one whose decorator may change what it returns (`@asynccontextmanager`, framework decorators).',
      '`asyncio.gather(...)` and `asyncio.create_task(...)` dropped: they return futures that run anyway (`dangling-task` is about those).',
    ],
    severity: 'A warning: the call does nothing.',
    reference:
      "flake8-async / Ruff ASYNC105 flag trio's async functions called without `await`; pyright reports an unused coroutine (`reportUnusedCoroutine`) when it type-checks the program. This rule needs no type checker and follows the project's `async def`s across modules.",
    examples: [
      {
        invalid: `async def save(item):
    ...


async def handle(item):
    save(item)
`,
        valid: `async def save(item):
    ...


async def handle(item):
    await save(item)
`,
      },
    ],
  },
  messages: {
    dropped: "The coroutine of {callee}() is never awaited, so it never runs; add 'await' (or keep it in a task).",
    usedAsValue: "{callee}() returns a coroutine, which is {how}: its body never runs; did you mean 'await {callee}(...)'?",
    storedNeverAwaited: "The coroutine of {callee}() stored in '{name}' is never awaited, so it never runs; add 'await'.",
  },
  fixAllSafe: "none: adding 'await' runs code that did not run before.",
  summary:
    'a call to a coroutine function (a project `async def` in any module, `asyncio.sleep`, aiohttp/httpx/asyncpg calls) whose coroutine is dropped, used as a value (`if check():`, `fetch().status`) or stored and never awaited: it never runs; fix: add `await` inside an `async def`',
  create(context) {
    // One mistake, one finding: `async-test-assertion` reports a coroutine left unawaited inside `pytest.raises`.
    const defersToTestRule = context.settings.rules['async-test-assertion'] !== 'off' && context.module.text.includes('raises');
    return {
      call(call) {
        // An awaited, returned or yielded call is used as a coroutine, whatever it calls: most
        // coroutine calls are, and the callee need not be resolved for them.
        const expression = outermost(call);
        if (USED_AS_COROUTINE.has(expression.parent?.type ?? '')) return;
        const name = coroutineCallee(context, call);
        if (!name) return;
        if (defersToTestRule && insidePytestRaises(call, context.module.names)) return;
        const use = useOf(context.module, expression);
        const callee = call.childForFieldName('function') ?? call;
        const shortName = callee.text.length > 40 ? `${callee.text.slice(0, 37)}...` : callee.text;
        // Computed for a finding only.
        const fixes = () => (awaitAllowedAt(call) ? [{ title: 'Add await', kind: 'suggestion' as const, preferred: true, edits: addAwaitEdits(context.module, call) }] : []);
        if (use.kind === 'dropped') {
          context.report({ node: callee, messageId: 'dropped', data: { callee: shortName }, fixes: fixes() });
        } else if (use.kind === 'value') {
          context.report({ node: callee, messageId: 'usedAsValue', data: { callee: shortName, how: use.how }, fixes: fixes() });
        } else {
          const stored = storedName(expression);
          if (stored && !storedIsConsumed(context.module, stored)) context.report({ node: callee, messageId: 'storedNeverAwaited', data: { callee: shortName, name: stored.text }, fixes: fixes() });
        }
      },
    };
  },
});

/** Where a call's result is used as a coroutine (useOf's 'ok' before any other case; the rule skips these calls before looking at the callee). */
const USED_AS_COROUTINE = new Set(['await', 'return_statement', 'yield']);

/** The callee's name when the call makes a coroutine: a known async API or a project `async def` (not an async generator, not re-decorated). */
function coroutineCallee(context: PythonRuleContext<MessageId>, call: SyntaxNode): string | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  const info = context.project.eventLoop.callOf(context.module, call);
  if (isKnownCoroutineFunction(info?.callee)) return info?.callee;
  if (!info?.target) return undefined;
  const target = context.project.eventLoop.definitionCalled(context.module, call);
  if (!target || target.node.type !== 'function_definition' || !context.project.eventLoop.functionOf(target.module, target.node)?.isAsync) return undefined;
  if (context.project.eventLoop.isGenerator(target.module, target.node)) return undefined;
  const decorated = target.node.parent?.type === 'decorated_definition' ? target.node.parent : undefined;
  for (const decorator of decorated?.namedChildren ?? []) {
    if (decorator?.type !== 'decorator') continue;
    const expression = decorator.namedChildren[0];
    const decoratorName = expression && (target.module.names.qualifiedName(expression.type === 'call' ? (expression.childForFieldName('function') ?? expression) : expression) ?? expression.text);
    if (!decoratorName || !TRANSPARENT_DECORATORS.has(decoratorName.replace(/^builtins\./, ''))) return undefined;
  }
  return callee.text;
}

function outermost(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent?.type === 'parenthesized_expression') current = current.parent;
  return current;
}

/** How an expression's value is used where it is. */
function useOf(module: PythonModule, expression: SyntaxNode): Use {
  const parent = expression.parent;
  if (!parent || USED_AS_COROUTINE.has(parent.type)) return { kind: 'ok' };
  const is = (field: string) => parent.childForFieldName(field)?.id === expression.id;
  switch (parent.type) {
    case 'expression_statement':
      return parent.namedChildren.length === 1 ? { kind: 'dropped' } : { kind: 'ok' };
    case 'if_statement':
    case 'elif_clause':
    case 'while_statement':
      return is('condition') ? { kind: 'value', how: 'always true as a condition' } : { kind: 'ok' };
    case 'conditional_expression':
      return parent.namedChildren[1]?.id === expression.id ? { kind: 'value', how: 'always true as a condition' } : { kind: 'ok' };
    case 'assert_statement':
      return parent.namedChildren[0]?.id === expression.id ? { kind: 'value', how: 'always true in an assert' } : { kind: 'ok' };
    case 'not_operator':
      return { kind: 'value', how: 'always true, so `not` of it is always False' };
    case 'boolean_operator':
      return { kind: 'value', how: 'always true in `and`/`or`' };
    case 'comparison_operator':
      return { kind: 'value', how: 'compared instead of its result' };
    case 'binary_operator':
    case 'unary_operator':
      return { kind: 'value', how: 'used in arithmetic' };
    case 'attribute': {
      if (!is('object')) return { kind: 'ok' };
      const attribute = parent.childForFieldName('attribute')?.text ?? '';
      return COROUTINE_MEMBERS.has(attribute) ? { kind: 'ok' } : { kind: 'value', how: `read for '.${attribute}', which a coroutine does not have` };
    }
    case 'subscript':
      return is('value') ? { kind: 'value', how: 'indexed, which a coroutine does not support' } : { kind: 'ok' };
    case 'for_statement':
    case 'for_in_clause':
      return is('right') ? { kind: 'value', how: 'iterated, which a coroutine does not support' } : { kind: 'ok' };
    case 'interpolation':
      return { kind: 'value', how: 'formatted into a string' };
    case 'argument_list': {
      const call = parent.parent;
      const name = call?.type === 'call' ? module.names.calleeName(call) : undefined;
      return name && VALUE_CONSUMERS.has(name) ? { kind: 'value', how: `given to ${name.replace(/^builtins\./, '')}()` } : { kind: 'ok' };
    }
    case 'with_item': {
      const statement = parent.parent?.parent;
      return statement && isAsyncStatement(statement) ? { kind: 'ok' } : { kind: 'value', how: 'used in a plain `with`' };
    }
    default:
      return { kind: 'ok' };
  }
}

/** `x = call()`: the variable x (a plain name, bound by a single assignment statement). */
function storedName(expression: SyntaxNode): SyntaxNode | undefined {
  const parent = expression.parent;
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.id !== expression.id) return undefined;
  if (parent.parent?.type !== 'expression_statement') return undefined;
  const left = parent.childForFieldName('left');
  return left?.type === 'identifier' ? left : undefined;
}

/** Whether a variable holding a coroutine is awaited or handed on anywhere in its scope (after the assignment). */
function storedIsConsumed(module: PythonModule, name: SyntaxNode): boolean {
  const scope = enclosingScope(name);
  if (!scope) return true;
  if (module.names.lookup(name.text, name)?.kind === 'local') {
    // Bound more than once (a loop, a branch): the binding we see is not the only one; do not judge.
    return true;
  }
  const body = scope.type === 'module' ? scope : (scope.childForFieldName('body') ?? scope);
  let consumed = false;
  const stack: SyntaxNode[] = [body];
  while (stack.length > 0 && !consumed) {
    const node = stack.pop()!;
    if (node.type === 'identifier' && node.text === name.text && node.startIndex > name.endIndex) {
      const use = useOf(module, outermost(node));
      if (use.kind === 'ok' && !isAssignmentTarget(node)) consumed = true;
      continue;
    }
    for (const child of node.namedChildren) if (child) stack.push(child);
  }
  return consumed;
}

function isAssignmentTarget(node: SyntaxNode): boolean {
  const parent = node.parent;
  return (parent?.type === 'assignment' || parent?.type === 'augmented_assignment') && parent.childForFieldName('left')?.id === node.id;
}
