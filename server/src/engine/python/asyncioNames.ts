// "Is this call `asyncio.X`?", by meaning: `asyncio.create_task`, `from asyncio import create_task as
// ct`, `import asyncio as aio`, and the submodules asyncio re-exports from (`asyncio.tasks.gather`).
// A project function that happens to be named `create_task` is not asyncio's.
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

/** The asyncio function a call calls (`gather`), or undefined. */
export function asyncioCallee(names: ModuleNames, call: SyntaxNode): string | undefined {
  if (call.type !== 'call') return undefined;
  return asyncioMemberOf(names.calleeName(call));
}

/** Whether `qualified` is an event loop: `asyncio.get_running_loop()`, `asyncio.get_event_loop()`, `asyncio.new_event_loop()`. */
export function isEventLoopValue(qualified: string | undefined): boolean {
  const member = asyncioMemberOf(qualified?.endsWith('()') ? qualified.slice(0, -2) : undefined);
  return member === 'get_running_loop' || member === 'get_event_loop' || member === 'new_event_loop';
}
