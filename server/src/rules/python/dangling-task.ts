// dangling-task (Python): a task created and not kept, or kept and never looked at. What it reports and why: the `docs` field below.
import { enclosingFunction, forEachOwnNode, isAsyncFunction } from '../../engine/python/functionBodies';
import type { ModuleNames } from '../../engine/python/names';
import { namedChildren } from '../../engine/python/parser';
import type { SyntaxNode } from '../../engine/python/parser';
import { definePythonRule } from '../../engine/python/rule';
import type { PythonModule } from '../../engine/python/rule';
import { taskFactory } from '../../engine/python/taskFactories';
import { taskGroupFix } from '../../engine/python/taskGroupFix';
import { newlineOf } from '../../engine/fixes/edits';
import { moduleStatementInsertion, ownLineIndent, unusedName } from '../../engine/python/statementEdits';
import type { Fix, TextEdit } from '../../engine/findings';

type MessageId = 'notKept' | 'neverAwaited';

const SET_NAMES = ['background_tasks', '_background_tasks', 'loopguard_background_tasks'];
const TASK_NAMES = ['task', 'background_task', 'new_task', 'task_'];

export default definePythonRule<MessageId>({
  id: 'dangling-task',
  language: 'python',
  concept: 'tasks-and-futures',
  defaultSeverity: 'warning',
  description: 'A task from asyncio.create_task / ensure_future / loop.create_task that nothing keeps (it can be garbage-collected mid-flight), or keeps in a local variable that is never awaited, passed on or given a done-callback.',
  summary:
    '`asyncio.create_task(...)` / `ensure_future` / `loop.create_task` whose task is dropped (Ruff RUF006), or kept in a local that is never awaited, passed on or given a done-callback; `TaskGroup.create_task` and stored, returned or gathered tasks stay silent',
  docs: {
    what:
      "A call to `asyncio.create_task`, `asyncio.ensure_future` or an event loop's `create_task` used as a statement (its task is dropped; also through `c and create_task(...)`, a conditional expression, or a list comprehension used as a statement), and a task assigned to a local variable that the function never reads again (never awaited, passed on, stored, returned or given a done-callback). Names are resolved by meaning: `from asyncio import create_task as ct` counts, a project function named `create_task` does not. A loop is the value of `asyncio.get_running_loop()`, `get_event_loop()` or `new_event_loop()`, or a receiver whose name ends in `loop` (`self._loop`, `event_loop`) when nothing in the module says what it is. The squiggle covers the call.",
    why:
      "The event loop keeps only a weak reference to a task: a task nothing else holds can be garbage-collected before it finishes, and its work silently stops (the `asyncio.create_task` documentation says to keep a reference). A task that is kept but never awaited hides its failure: asyncio logs `Task exception was never retrieved` when the task is collected, long after the error, or never.",
    notReported: [
      '`TaskGroup.create_task` (`async with asyncio.TaskGroup() as tg: tg.create_task(...)`): the group holds the task and awaits it; likewise any `create_task` on an object that is not an event loop (a receiver whose name does not end in `loop` and that the module does not show to be one).',
      'A task stored in a collection or attribute (`tasks.add(t)`, `self._task = ...`), returned, awaited, gathered, cancelled or handed to any call: whoever receives it is trusted to keep and await it.',
      'A task kept in a module-level variable: a module global lives as long as the module (a dropped task at module level is reported).',
    ],
    severity: 'Warning: the task can stop mid-flight, or fail without anyone hearing of it.',
    reference:
      "Ruff's RUF006 (asyncio-dangling-task) and flake8-async's ASYNC300 report the dropped `asyncio.create_task` / `ensure_future` statement; RUF006 also follows a loop from `asyncio.get_running_loop()`. Neither reports a kept task that nobody looks at.",
    examples: [
      {
        invalid: `import asyncio


async def notify(user):
    ...


async def on_signup(user):
    asyncio.create_task(notify(user))
`,
        valid: `import asyncio

background_tasks = set()


async def notify(user):
    ...


async def on_signup(user):
    task = asyncio.create_task(notify(user))
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
`,
      },
    ],
  },
  messages: {
    notKept:
      "The task from '{api}' is not kept: the event loop holds tasks only weakly, so it can be garbage-collected before it finishes, and its exception is never retrieved. Keep a reference (a module-level set and add_done_callback(set.discard)), or start it in an asyncio.TaskGroup.",
    neverAwaited:
      "The task in '{name}' is never awaited, passed on or given a done-callback: if it fails, its exception is never retrieved, and once '{name}' goes out of scope the task can be garbage-collected mid-flight. Await it, gather it, or keep it in a module-level set with add_done_callback(set.discard).",
  },
  fixAllSafe: 'none: keeping a task alive changes what runs. The two suggestions, a module-level set with a done-callback, or (for a task dropped in an `async def` body, Python 3.11+) an `asyncio.TaskGroup` spanning the rest of the function, which then waits for the task, are applied by hand.',
  concepts: {
    'tasks-and-futures':
      'in Python, a task from `asyncio.create_task` that nothing keeps or awaits: it can be garbage-collected mid-flight and its exception is never retrieved.',
    'error-handling':
      "a Python task whose exception nobody retrieves (`Task exception was never retrieved`).",
  },
  create(context) {
    const { module } = context;
    return {
      call(call) {
        const factory = taskFactory(call, module.names);
        if (factory?.kind !== 'loose') return;
        const api = factory.api;
        const fn = enclosingFunction(call);
        const statement = parentSkippingParentheses(call);
        if (statement?.type === 'expression_statement') {
          // Also at module level: under a running loop (a notebook, `python -m asyncio`) the task is just as loose.
          const inGroup = fn && isAsyncFunction(fn) ? taskGroupFix(module, statement, call, fn) : undefined;
          const fixes = [...keepFix(module, statement, fn ?? module.tree.rootNode, call, undefined), ...(inGroup ? [inGroup] : [])];
          context.report({ node: call, messageId: 'notKept', data: { api }, fixes });
          return;
        }
        if (droppedThrough(call)) {
          // `c and create_task(x)`, `create_task(a) if c else create_task(b)`, `[create_task(c) for c in cs]` as statements.
          context.report({ node: call, messageId: 'notKept', data: { api } });
          return;
        }
        if (!fn) return;
        if (statement?.type !== 'assignment') return;
        const target = statement.childForFieldName('left');
        const right = statement.childForFieldName('right');
        if (target?.type !== 'identifier' || right?.id !== unwrapParentheses(call).id && right?.id !== call.id) return;
        if (statement.parent?.type !== 'expression_statement') return;
        if (isReadIn(fn, target.text, target) || declaredOutside(fn, target.text)) return;
        context.report({ node: call, messageId: 'neverAwaited', data: { name: target.text }, fixes: keepFix(module, statement.parent, fn, call, target.text) });
      },
    };
  },
});

/** The call's value reaches an expression statement through a conditional, `and`/`or` or a comprehension's element: dropped. */
function droppedThrough(call: SyntaxNode): boolean {
  let child = call;
  for (let parent = call.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'parenthesized_expression':
      case 'boolean_operator':
        continue;
      case 'conditional_expression':
        // The condition is read, not kept; the two branches are the value.
        if (parent.namedChildren[1]?.id === child.id) return false;
        continue;
      case 'list_comprehension':
      case 'set_comprehension':
        // (A generator expression as a statement never runs its element: no task is created at all.)
        if (parent.childForFieldName('body')?.id !== child.id) return false;
        continue;
      case 'expression_statement':
        return child.id !== call.id;
      default:
        return false;
    }
  }
  return false;
}

function unwrapParentheses(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent?.type === 'parenthesized_expression') current = current.parent;
  return current;
}

function parentSkippingParentheses(node: SyntaxNode): SyntaxNode | null {
  return unwrapParentheses(node).parent;
}

/** Whether `name` is read anywhere in the function (nested functions included) other than as the plain target `except`. */
function isReadIn(fn: SyntaxNode, name: string, except: SyntaxNode): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return true;
  let read = false;
  const stack: SyntaxNode[] = [body];
  while (stack.length > 0 && !read) {
    const node = stack.pop() as SyntaxNode;
    if (node.type === 'identifier' && node.text === name && node.id !== except.id && !isPlainTarget(node)) read = true;
    for (const child of namedChildren(node)) stack.push(child);
  }
  return read;
}

/** `x` in `x = ...` (a plain rebinding, which reads nothing). */
function isPlainTarget(identifier: SyntaxNode): boolean {
  const parent = identifier.parent;
  return parent?.type === 'assignment' && parent.childForFieldName('left')?.id === identifier.id;
}

/** `global t` / `nonlocal t` in the function: the name lives on elsewhere. */
function declaredOutside(fn: SyntaxNode, name: string): boolean {
  let found = false;
  forEachOwnNode(fn, (node) => {
    if ((node.type === 'global_statement' || node.type === 'nonlocal_statement') && namedChildren(node).some((child) => child.text === name)) found = true;
  });
  return found;
}

/**
 * "Keep a reference to the task": a module-level `background_tasks = set()` (added once, reused when
 * there), then `task = <call>; background_tasks.add(task); task.add_done_callback(background_tasks.discard)`.
 */
function keepFix(module: PythonModule, statement: SyntaxNode, fn: SyntaxNode, call: SyntaxNode, kept: string | undefined): Fix[] {
  const { text, tree, names } = module;
  const indent = ownLineIndent(text, statement);
  if (indent === undefined) return [];
  const nl = newlineOf({ text });
  const edits: TextEdit[] = [];
  let setName = SET_NAMES.find((candidate) => isEmptySetBinding(names, candidate, tree.rootNode));
  if (!setName) {
    setName = unusedName(names, fn, tree.rootNode, SET_NAMES);
    if (!setName) return [];
    edits.push({ fileName: module.fileName, ...moduleStatementInsertion(tree.rootNode, text, `${setName} = set()`) });
  }
  const taskName = kept ?? unusedName(names, fn, tree.rootNode, TASK_NAMES);
  if (!taskName) return [];
  const keep = `${nl}${indent}${setName}.add(${taskName})${nl}${indent}${taskName}.add_done_callback(${setName}.discard)`;
  if (kept) {
    edits.push({ fileName: module.fileName, start: statement.endIndex, end: statement.endIndex, newText: keep });
  } else {
    edits.push({ fileName: module.fileName, start: statement.startIndex, end: statement.endIndex, newText: `${taskName} = ${text.slice(call.startIndex, call.endIndex)}${keep}` });
  }
  return [{ title: `Keep a reference to the task in '${setName}'`, kind: 'suggestion', preferred: true, edits }];
}

/** `name = set()` bound once at module level. */
function isEmptySetBinding(names: ModuleNames, name: string, root: SyntaxNode): boolean {
  const binding = names.lookup(name, root);
  if (binding?.kind !== 'value' || binding.value.type !== 'call') return false;
  const callee = binding.value.childForFieldName('function');
  const args = binding.value.childForFieldName('arguments');
  return names.qualifiedName(callee ?? binding.value) === 'builtins.set' && !!args && namedChildren(args).length === 0;
}
