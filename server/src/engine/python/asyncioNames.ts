// "Is this call `asyncio.X`?", by meaning: `asyncio.create_task`, `from asyncio import create_task as
// ct`, `import asyncio as aio`, and the submodules asyncio re-exports from (`asyncio.tasks.gather`).
// A project function that happens to be named `create_task` is not asyncio's.
import { MemoKey } from '../memo';
import type { ModuleNames } from './names';
import type { SyntaxNode } from './parser';

/** asyncio's submodules whose public names asyncio re-exports. */
const SUBMODULES = ['tasks', 'events', 'futures', 'exceptions', 'locks', 'queues', 'runners', 'taskgroups', 'timeouts', 'base_events', 'streams', 'subprocess'];

/** The asyncio member an expression names (`create_task` for `aio.create_task`), or undefined. */
export function asyncioMember(names: ModuleNames, expression: SyntaxNode): string | undefined {
  return asyncioMemberOf(names.qualifiedName(expression));
}

/** The asyncio member a qualified name is (`gather` for `asyncio.tasks.gather`), or undefined. */
export function asyncioMemberOf(qualified: string | undefined): string | undefined {
  if (!qualified?.startsWith('asyncio.')) return undefined;
  const parts = qualified.split('.');
  if (parts.length === 2) return parts[1];
  if (parts.length === 3 && SUBMODULES.includes(parts[1])) return parts[2];
  return undefined;
}

/**
 * The asyncio function a call calls (`gather`), or undefined. With `members`, only those are looked
 * for, and a call whose callee cannot be one of them by its spelling (`x.get(...)`, `fetch(u)`) is
 * not resolved at all: name resolution walks the tree, and most calls are not asyncio's.
 */
export function asyncioCallee(names: ModuleNames, call: SyntaxNode, members?: ReadonlySet<string>): string | undefined {
  if (call.type !== 'call') return undefined;
  if (members) {
    const callee = call.childForFieldName('function');
    if (!callee || !maySpell(names, callee, members)) return undefined;
    const member = asyncioMemberOf(names.qualifiedName(callee));
    return member && members.has(member) ? member : undefined;
  }
  return asyncioMemberOf(names.calleeName(call));
}

/** Whether a callee could name one of `members` by how it is written: `<x>.member`, `member`, or a name imported from asyncio under an alias. */
export function maySpell(names: ModuleNames, callee: SyntaxNode, members: ReadonlySet<string>): boolean {
  if (callee.type === 'attribute') return members.has(callee.childForFieldName('attribute')?.text ?? '');
  if (callee.type === 'identifier') return members.has(callee.text) || asyncioImports(names).has(callee.text);
  return false;
}

const ASYNCIO_IMPORTS = new MemoKey<Set<string>>('asyncio imports');

/** The local names a module binds with `from asyncio... import x as y` (at its top level) and `y = asyncio.x` assignments there. */
export function asyncioImports(names: ModuleNames): Set<string> {
  return names.memo.get(ASYNCIO_IMPORTS, () => findAsyncioImports(names));
}

function findAsyncioImports(names: ModuleNames): Set<string> {
  const found = new Set<string>();
  for (let child = names.root.firstNamedChild; child; child = child.nextNamedSibling) {
    if (child.type === 'import_from_statement' && /^from\s+asyncio\b/.test(child.text)) {
      for (const imported of child.childrenForFieldName('name')) {
        const local = imported?.type === 'aliased_import' ? imported.childForFieldName('alias') : imported;
        if (local) found.add(local.text);
      }
    } else if (child.type === 'expression_statement' && /^\w+\s*=\s*\w+\.\w+\s*$/.test(child.text)) {
      found.add(child.text.split('=')[0].trim());
    }
  }
  return found;
}

/** Whether `qualified` is an event loop: `asyncio.get_running_loop()`, `asyncio.get_event_loop()`, `asyncio.new_event_loop()`. */
export function isEventLoopValue(qualified: string | undefined): boolean {
  const member = asyncioMemberOf(qualified?.endsWith('()') ? qualified.slice(0, -2) : undefined);
  return member === 'get_running_loop' || member === 'get_event_loop' || member === 'new_event_loop';
}
