// async-test-assertion (Python): async tests no plugin runs, and pytest.raises around a coroutine
// that is never awaited. What it reports and why: the `docs` field below.
import * as path from 'node:path';
import { asyncioMemberOf } from '../../engine/python/asyncioNames';
import { enclosingAsyncFunction, isAsyncFunction } from '../../engine/python/functionBodies';
import type { ModuleNames } from '../../engine/python/names';
import { namedChildren } from '../../engine/python/parser';
import type { SyntaxNode } from '../../engine/python/parser';
import { pytestAsyncRunner } from '../../engine/python/pytestConfig';
import { insidePytestRaises } from '../../engine/python/pytestRaises';
import { definePythonRule } from '../../engine/python/rule';
import type { PythonModule } from '../../engine/python/rule';
import { newlineOf } from '../../engine/fixes/edits';
import type { Fix } from '../../engine/findings';

type MessageId = 'unrunTest' | 'unittestAsync' | 'raisesCoroutine';

const RUNNER_MARKS = new Set(['pytest.mark.asyncio', 'pytest.mark.anyio', 'pytest.mark.trio']);
const UNITTEST_CASE = new Set(['unittest.TestCase', 'unittest.case.TestCase']);
const ASYNC_UNITTEST_CASE = new Set(['unittest.IsolatedAsyncioTestCase', 'unittest.async_case.IsolatedAsyncioTestCase']);
/** asyncio's coroutine functions (calling one only makes a coroutine). */
const ASYNCIO_COROUTINES = new Set(['sleep', 'wait_for', 'wait', 'open_connection', 'start_server', 'create_subprocess_exec', 'create_subprocess_shell', 'to_thread', 'staggered_race']);

export default definePythonRule<MessageId>({
  id: 'async-test-assertion',
  language: 'python',
  concept: 'testing-async-code',
  defaultSeverity: 'info',
  description: 'An async def test that no plugin runs (no pytest.mark.asyncio/anyio marker, no asyncio_mode = auto), or pytest.raises around a coroutine that is never awaited: the test checks nothing.',
  summary:
    'an `async def test_*` that no plugin runs (no `pytest.mark.asyncio`/`anyio` marker on it, its class or `pytestmark`, no `asyncio_mode = auto` in the pytest config), an async method of a plain `unittest.TestCase`, and `pytest.raises` around a coroutine call that is not awaited',
  docs: {
    what:
      "In Python: an `async def test_*` function (at module level, or a method of a `Test*` class) in a module that imports pytest or is named `test_*.py`/`*_test.py`, with no `pytest.mark.asyncio`, `pytest.mark.anyio` or `pytest.mark.trio` marker on the function, its class (decorator or `pytestmark`) or the module (`pytestmark`), no `anyio_backend` parameter, and no configuration that runs unmarked async tests: `asyncio_mode = auto` (or `--asyncio-mode=auto` in `addopts`) or `trio_mode = true` in the pytest configuration found by walking up from the file (`pytest.ini`, `pyproject.toml`'s `[tool.pytest.ini_options]`, `tox.ini`'s `[pytest]`, `setup.cfg`'s `[tool:pytest]`), or a `conftest.py` that adds markers or runs test functions itself. Also an `async def test*` method of a class derived from `unittest.TestCase` (not `IsolatedAsyncioTestCase`), and a call of a coroutine function (an `async def` of the module, a method `self.f` of the class, an asyncio coroutine function) inside `with pytest.raises(...)` that is not awaited. The squiggle covers the test's name, or the call.",
    why:
      "pytest does not run coroutines itself: without a plugin's marker an async test is skipped with a warning (pytest before 8.4) or fails as unsupported (8.4+), and it never checks anything. `unittest.TestCase` calls an async test method, drops the coroutine and reports a pass. Inside `pytest.raises`, a coroutine that is not awaited never runs its body, so the expected exception is never raised (the test fails) or, with `pytest.raises` around more code, the check passes for the wrong line.",
    notReported: [
      'Tests carrying any decorator that is not a `pytest.mark` marker (the decorator may run the coroutine itself, as `@async_to_sync` or a project helper does), and classes with bases the module cannot name (they may derive from `IsolatedAsyncioTestCase`).',
      'A `pytestmark` made of names the module cannot resolve (it may hold the asyncio marker).',
      'Coroutine functions defined in other modules inside `pytest.raises` (the project model follows them; a plain call of an unknown function is not assumed to be a coroutine).',
    ],
    severity:
      'Info by default, as for the TypeScript rule of the same id; one severity in loopguard.json covers both.',
    reference:
      "pytest-asyncio's strict mode (its default) ignores unmarked async tests and pytest warns `PytestUnhandledCoroutineWarning` at run time only; Ruff and flake8-async have no equivalent check.",
    examples: [
      {
        file: 'test_example.py',
        invalid: `import pytest


async def fetch_user(user_id):
    return {"id": user_id}


async def test_fetch_user():
    user = await fetch_user(1)
    assert user["id"] == 1
`,
        valid: `import pytest


async def fetch_user(user_id):
    return {"id": user_id}


@pytest.mark.asyncio
async def test_fetch_user():
    user = await fetch_user(1)
    assert user["id"] == 1
`,
      },
    ],
  },
  messages: {
    unrunTest:
      "'{name}' is an async test that no plugin runs: it has no pytest.mark.asyncio or pytest.mark.anyio marker (nor its class or module), and no pytest configuration sets asyncio_mode = auto, so pytest skips or fails it without running its body. Mark it @pytest.mark.asyncio (pytest-asyncio) or set asyncio_mode = auto.",
    unittestAsync:
      "'{name}' is an async method of a unittest.TestCase: unittest calls it, drops the coroutine and reports a pass without running it. Derive the class from unittest.IsolatedAsyncioTestCase.",
    raisesCoroutine:
      "'{name}(...)' makes a coroutine that is never awaited inside pytest.raises: its body never runs, so the exception it should raise never comes. Add await.",
  },
  fixAllSafe: 'none: running a test that did not run can make it fail (which is the point), so each is applied by hand.',
  concepts: {
    'testing-async-code':
      'in Python, an `async def test_*` that no plugin runs (no asyncio/anyio marker, no `asyncio_mode = auto`), or `pytest.raises` around an unawaited coroutine.',
  },
  create(context) {
    const { module } = context;
    let runner: ReturnType<typeof pytestAsyncRunner> | null = null;
    const configuredRunner = () => (runner === null ? (runner = pytestAsyncRunner(module.fileName)) : runner);
    let moduleMark: boolean | undefined;
    const isTestModule = /^(?:test_.*|.*_test)\.py$/.test(path.basename(module.fileName)) || importsPytest(module);
    const mentionsRaises = module.text.includes('raises');
    return {
      function_definition(fn) {
        if (!isTestModule || !isAsyncFunction(fn)) return;
        const name = fn.childForFieldName('name');
        if (!name || !name.text.startsWith('test')) return;
        const place = testPlace(fn, module.names);
        if (!place) return;
        // A decorator that is not a marker may run the coroutine itself (`@async_test`, `@async_to_sync`).
        if (decoratorsOf(fn).some((decorator) => !isKnownDecorator(decorator, module.names))) return;
        if (place.kind === 'unittest') {
          context.report({ node: name, messageId: 'unittestAsync', data: { name: name.text }, fixes: isolatedCaseFix(module, place.base) });
          return;
        }
        if (hasParameter(fn, 'anyio_backend')) return;
        const fnMark = marks(decoratorsOf(fn), module.names);
        if (fnMark !== 'none') return;
        if (place.kind === 'class') {
          const classMark = marks([...decoratorsOf(place.node), ...pytestmarkValues(place.node.childForFieldName('body'))], module.names);
          if (classMark !== 'none') return;
        }
        moduleMark ??= marks(pytestmarkValues(module.tree.rootNode), module.names) !== 'none';
        if (moduleMark || configuredRunner()) return;
        context.report({ node: name, messageId: 'unrunTest', data: { name: name.text }, fixes: markFix(module, fn) });
      },
      call(node) {
        // Only modules that mention `raises` can hold a `with pytest.raises(...)` block.
        if (!mentionsRaises || !insidePytestRaises(node, module.names)) return;
        const parent = node.parent;
        const dropped = parent?.type === 'expression_statement' || (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === node.id);
        if (!dropped || !isCoroutineCall(node, module.names)) return;
        const callee = node.childForFieldName('function');
        context.report({
          node,
          messageId: 'raisesCoroutine',
          data: { name: callee?.text ?? 'call' },
          fixes: enclosingAsyncFunction(node) ? [{ title: 'Add await', kind: 'suggestion', preferred: true, edits: [{ fileName: module.fileName, start: node.startIndex, end: node.startIndex, newText: 'await ' }] }] : [],
        });
      },
    };
  },
});

function importsPytest(module: PythonModule): boolean {
  return namedChildren(module.tree.rootNode).some(
    (child) => (child.type === 'import_statement' || child.type === 'import_from_statement') && /\bpytest\b/.test(child.text),
  );
}

type Place = { kind: 'module' } | { kind: 'class'; node: SyntaxNode } | { kind: 'unittest'; node: SyntaxNode; base: SyntaxNode };

/** Where pytest or unittest collects the function from: the module, a `Test*` class, a unittest.TestCase; undefined when not collected or unknown. */
function testPlace(fn: SyntaxNode, names: ModuleNames): Place | undefined {
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  if (holder?.type === 'module') return { kind: 'module' };
  if (holder?.type !== 'block' || holder.parent?.type !== 'class_definition') return undefined;
  const cls = holder.parent;
  const clsHolder = cls.parent?.type === 'decorated_definition' ? cls.parent.parent : cls.parent;
  if (clsHolder?.type !== 'module') return undefined;
  const bases = cls.childForFieldName('superclasses');
  const baseList = bases ? namedChildren(bases).filter((base) => base.type !== 'comment') : [];
  const qualified = baseList.map((base) => names.qualifiedName(base));
  if (qualified.some((name) => name && ASYNC_UNITTEST_CASE.has(name))) return undefined;
  const unittestBase = baseList.find((_, index) => UNITTEST_CASE.has(qualified[index] ?? ''));
  if (unittestBase) return { kind: 'unittest', node: cls, base: unittestBase };
  if (qualified.some((name) => name !== 'builtins.object')) return undefined;
  const name = cls.childForFieldName('name')?.text ?? '';
  return name.startsWith('Test') ? { kind: 'class', node: cls } : undefined;
}

function decoratorsOf(definition: SyntaxNode): SyntaxNode[] {
  const parent = definition.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return namedChildren(parent).filter((child) => child.type === 'decorator').map((decorator) => namedChildren(decorator)[0]).filter((expression): expression is SyntaxNode => !!expression);
}

/** The values assigned to `pytestmark` directly in a module or class body. */
function pytestmarkValues(body: SyntaxNode | null): SyntaxNode[] {
  if (!body) return [];
  const values: SyntaxNode[] = [];
  for (const statement of namedChildren(body)) {
    if (statement.type !== 'expression_statement') continue;
    const assignment = namedChildren(statement)[0];
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== 'pytestmark') continue;
    const value = assignment.childForFieldName('right');
    if (value) values.push(...(value.type === 'list' || value.type === 'tuple' ? namedChildren(value) : [value]));
  }
  return values;
}

/** Whether markers include a runner's ('runner'), only other pytest marks ('none'), or something unknown ('unknown'). */
function marks(expressions: SyntaxNode[], names: ModuleNames): 'runner' | 'none' | 'unknown' {
  let verdict: 'runner' | 'none' | 'unknown' = 'none';
  for (const expression of expressions) {
    const marker = expression.type === 'call' ? expression.childForFieldName('function') : expression;
    const qualified = marker ? names.qualifiedName(marker) : undefined;
    if (qualified && RUNNER_MARKS.has(qualified)) return 'runner';
    if (!qualified?.startsWith('pytest.mark.')) verdict = 'unknown';
  }
  return verdict;
}

/** `pytest.mark.*` markers and unittest's own decorators (`unittest.skip`, `unittest.expectedFailure`). */
function isKnownDecorator(expression: SyntaxNode, names: ModuleNames): boolean {
  const marker = expression.type === 'call' ? expression.childForFieldName('function') : expression;
  const qualified = marker ? names.qualifiedName(marker) : undefined;
  return !!qualified && (qualified.startsWith('pytest.mark.') || qualified.startsWith('unittest.'));
}

function hasParameter(fn: SyntaxNode, name: string): boolean {
  const parameters = fn.childForFieldName('parameters');
  return !!parameters && namedChildren(parameters).some((parameter) => (parameter.type === 'identifier' ? parameter.text : parameter.childForFieldName('name')?.text ?? namedChildren(parameter)[0]?.text) === name);
}

/** A call of an `async def` of this module, of `self.<async method>` of the enclosing class, or of an asyncio coroutine function. */
function isCoroutineCall(call: SyntaxNode, names: ModuleNames): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  const member = asyncioMemberOf(names.qualifiedName(callee));
  if (member && ASYNCIO_COROUTINES.has(member)) return true;
  const definition = names.definitionOf(callee);
  if (definition) return isAsyncFunction(definition);
  if (callee.type === 'attribute' && callee.childForFieldName('object')?.text === 'self') {
    const method = callee.childForFieldName('attribute')?.text;
    const cls = enclosingClass(call);
    const body = cls?.childForFieldName('body');
    if (!method || !body) return false;
    return namedChildren(body).some((child) => {
      const fn = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
      return fn?.type === 'function_definition' && fn.childForFieldName('name')?.text === method && isAsyncFunction(fn) && decoratorsOf(fn).length === 0;
    });
  }
  return false;
}

function enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'class_definition') return current;
  return undefined;
}

/** "Mark it @pytest.mark.asyncio": a decorator line above the def, when `pytest` names the pytest module there. */
function markFix(module: PythonModule, fn: SyntaxNode): Fix[] {
  const pytest = module.names.lookup('pytest', fn);
  if (pytest?.kind !== 'module' || pytest.name !== 'pytest') return [];
  const first = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  const indent = lineIndent(module.text, first);
  if (indent === undefined) return [];
  const usesAnyio = /pytest\.mark\.anyio\b/.test(module.text);
  const marker = usesAnyio ? 'pytest.mark.anyio' : 'pytest.mark.asyncio';
  return [{ title: `Mark the test @${marker}`, kind: 'suggestion', preferred: true, edits: [{ fileName: module.fileName, start: first.startIndex, end: first.startIndex, newText: `@${marker}${newlineOf(module)}${indent}` }] }];
}

function lineIndent(text: string, node: SyntaxNode): string | undefined {
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const before = text.slice(lineStart, node.startIndex);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** "Derive from unittest.IsolatedAsyncioTestCase", when the base is written `unittest.TestCase` and `unittest` names the module. */
function isolatedCaseFix(module: PythonModule, base: SyntaxNode): Fix[] {
  if (base.type !== 'attribute' || base.childForFieldName('attribute')?.text !== 'TestCase') return [];
  const object = base.childForFieldName('object');
  if (!object || module.names.qualifiedName(object) !== 'unittest') return [];
  const attribute = base.childForFieldName('attribute') as SyntaxNode;
  return [{ title: 'Derive the class from unittest.IsolatedAsyncioTestCase', kind: 'suggestion', preferred: true, edits: [{ fileName: module.fileName, start: attribute.startIndex, end: attribute.endIndex, newText: 'IsolatedAsyncioTestCase' }] }];
}
