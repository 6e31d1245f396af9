// Edits the Python fixes are made of: `await` where Python allows it, `import asyncio` where the
// module lacks it, a blocking call moved to `await asyncio.sleep(...)` / `await
// asyncio.to_thread(f, *args, **kwargs)`, and "make the helper async" (def → async def, its calls
// awaited). Every edit carries its line/column range, so edits in other files than the finding's
// can be applied by the LSP adapter too.
import { LineMap } from '../findings';
import { MemoKey } from '../memo';
import type { Fix, TextEdit } from '../findings';
import type { PythonBlockingApi } from './catalogue';
import { enclosingFunction, isAsyncFunction, yieldsWithin } from './functionBodies';
import type { SyntaxNode } from './parser';
import type { PythonModule } from './rule';

/** Postfix positions: an `await x` there needs parentheses (`(await f()).x`, `(await f())[0]`, `(await f())()`). */
function needsParentheses(call: SyntaxNode): boolean {
  const parent = call.parent;
  if (!parent) return false;
  if (parent.type === 'attribute') return parent.childForFieldName('object')?.id === call.id;
  if (parent.type === 'subscript') return parent.childForFieldName('value')?.id === call.id;
  if (parent.type === 'call') return parent.childForFieldName('function')?.id === call.id;
  return false;
}

/**
 * Whether `await` may be written where `node` is: inside the body of an `async def`, not in a
 * lambda, a generator expression (an `await` there would make it an async generator), a nested
 * def or a class body, and not in a def's decorators or defaults.
 */
export function awaitAllowedAt(node: SyntaxNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'lambda' || current.type === 'generator_expression') return false;
    if (current.type === 'function_definition' || current.type === 'class_definition' || current.type === 'module') break;
  }
  return isAsyncFunction(enclosingFunction(node));
}

/** The name `asyncio` is usable at `at` as the module (or free, and an `import asyncio` can be added). */
export function asyncioUsable(module: PythonModule, at: SyntaxNode): { name: string; needsImport: boolean } | undefined {
  const binding = module.names.lookup('asyncio', at);
  if (!binding) return { name: 'asyncio', needsImport: true };
  if (binding.kind === 'module' && binding.name === 'asyncio') return { name: 'asyncio', needsImport: false };
  return undefined;
}

/** Where `import asyncio` goes: after the module docstring and the `from __future__` imports. */
export function importAsyncioEdit(module: PythonModule): TextEdit {
  const statements = module.tree.rootNode.namedChildren.filter((child): child is SyntaxNode => child !== null && child.type !== 'comment');
  let index = 0;
  if (statements[0]?.type === 'expression_statement' && statements[0].namedChildren[0]?.type === 'string') index++;
  while (statements[index]?.type === 'future_import_statement') index++;
  const next = statements[index];
  if (next) {
    // At the start of the statement's line: after a shebang, an encoding line or other leading comments.
    const lineStart = module.text.lastIndexOf('\n', next.startIndex - 1) + 1;
    return editAt(module, lineStart, lineStart, 'import asyncio\n');
  }
  const last = statements[index - 1];
  if (last) return editAt(module, last.endIndex, last.endIndex, '\nimport asyncio');
  return editAt(module, module.text.length, module.text.length, `${module.text.length && !module.text.endsWith('\n') ? '\n' : ''}import asyncio\n`);
}

/** Each module's line table, built once per text (a module with many findings asks for one per fix edit). */
const LINE_MAP = new MemoKey<LineMap>('line map');
/** Work counter for the tests: line tables built for fix edits. */
export const lineTableStats = { built: 0 };

export function linesOf(module: PythonModule): LineMap {
  // Kept on the tree: its text is the module's.
  return module.tree.memo.get(LINE_MAP, () => {
    lineTableStats.built++;
    return new LineMap(module.text);
  });
}

/** An edit with its line/column range. */
export function editAt(module: PythonModule, start: number, end: number, newText: string): TextEdit {
  const lines = linesOf(module);
  return { fileName: module.fileName, start, end, newText, range: { start: lines.positionAt(start), end: lines.positionAt(end) } };
}

/** `await ` before a call (parenthesised where a postfix follows). */
export function addAwaitEdits(module: PythonModule, call: SyntaxNode): TextEdit[] {
  if (needsParentheses(call)) return [editAt(module, call.startIndex, call.startIndex, '(await '), editAt(module, call.endIndex, call.endIndex, ')')];
  return [editAt(module, call.startIndex, call.startIndex, 'await ')];
}

/** The text inside a call's parentheses (`a, b=c`), or undefined when the arguments are not a plain list. */
function argumentsText(module: PythonModule, call: SyntaxNode): string | undefined {
  const list = call.childForFieldName('arguments');
  if (!list) return undefined;
  if (list.type === 'generator_expression') return list.text;
  if (list.type !== 'argument_list' || !list.text.startsWith('(') || !list.text.endsWith(')')) return undefined;
  return module.text.slice(list.startIndex + 1, list.endIndex - 1);
}

/**
 * The blocking call rewritten to run off the loop: `time.sleep(x)` → `await asyncio.sleep(x)`,
 * anything else → `await asyncio.to_thread(<callee>, <same arguments>)`. `await` must be allowed
 * at the call (checked by the caller: directly in an async def, or in a helper being made async).
 */
export function offloadRewrite(module: PythonModule, call: SyntaxNode, api: PythonBlockingApi): { title: string; edits: TextEdit[] } | undefined {
  const callee = call.childForFieldName('function');
  const inner = argumentsText(module, call);
  if (!callee || inner === undefined) return undefined;
  const asyncio = asyncioUsable(module, call);
  if (!asyncio) return undefined;
  // asyncio.sleep takes `delay` where time.sleep takes `secs`: a keyword argument goes through to_thread instead.
  const list = call.childForFieldName('arguments');
  const sleep = api.fix === 'asyncio.sleep' && list?.type === 'argument_list' && !list.namedChildren.some((argument) => argument?.type === 'keyword_argument');
  const rewritten = sleep ? `await ${asyncio.name}.sleep(${inner})` : `await ${asyncio.name}.to_thread(${callee.text}${inner.trim() ? `, ${inner}` : ''})`;
  // `await time.sleep(1)`: the rewrite replaces the await too (its own await is the one needed).
  const replaced = call.parent?.type === 'await' ? call.parent : call;
  const text = needsParentheses(replaced) ? `(${rewritten})` : rewritten;
  const edits = [editAt(module, replaced.startIndex, replaced.endIndex, text)];
  if (asyncio.needsImport) edits.unshift(importAsyncioEdit(module));
  return { title: sleep ? `Use await ${asyncio.name}.sleep(...)` : `Run it in a thread: await ${asyncio.name}.to_thread(${callee.text}, ...)`, edits };
}

/** The fix for a blocking call directly in event-loop code where `await` is allowed. */
export function offloadFixes(module: PythonModule, call: SyntaxNode, api: PythonBlockingApi): Fix[] {
  if (!awaitAllowedAt(call)) return [];
  const rewrite = offloadRewrite(module, call, api);
  return rewrite ? [{ title: rewrite.title, kind: 'suggestion', preferred: true, edits: rewrite.edits }] : [];
}

/** Whether a def body yields (then `async def` would make an async generator). */
export function yieldsIn(definition: SyntaxNode): boolean {
  const body = definition.childForFieldName('body');
  return body ? yieldsWithin(body) : true;
}

/** `def` → `async def` (after decorators). */
export function makeAsyncEdit(module: PythonModule, definition: SyntaxNode): TextEdit | undefined {
  const def = definition.children.find((child) => child?.type === 'def');
  return def ? editAt(module, def.startIndex, def.startIndex, 'async ') : undefined;
}
