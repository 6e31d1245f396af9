// "Does this call start a task, and who keeps it?": `asyncio.create_task` / `ensure_future` (by
// meaning: `from asyncio import create_task as ct` counts, a project function named create_task does
// not), an event loop's `create_task` (a value of `asyncio.get_running_loop()` / `get_event_loop()` /
// `new_event_loop()`, or a receiver whose name ends in `loop` when nothing says what it is), and
// `TaskGroup.create_task` (a value of `asyncio.TaskGroup()`, which keeps and awaits its tasks).
import { MemoKey } from '../memo';
import { asyncioMemberOf, isEventLoopValue, maySpell } from './asyncioNames';
import type { ModuleNames } from './names';
import type { SyntaxNode } from './parser';

export type TaskFactory =
  /** `asyncio.create_task`, `asyncio.ensure_future`, `loop.create_task`: nothing keeps the task but the caller. */
  | { kind: 'loose'; api: string }
  /** `tg.create_task` on an `asyncio.TaskGroup()`: the group keeps it. */
  | { kind: 'group'; api: string };

const TASK_FUNCTIONS = new Set(['create_task', 'ensure_future']);
/** The last word of a receiver that is an event loop when nothing else says what it is: `loop`, `self._loop`, `event_loop`. */
const LOOP_NAME = /(?:^|_)loop$/i;

const ANSWERS = new MemoKey<Map<number, TaskFactory | undefined>>('task factories');

/** What task a call starts, if any (asked by several rules for every call: remembered per module and node). */
export function taskFactory(call: SyntaxNode, names: ModuleNames): TaskFactory | undefined {
  const known = names.memo.get(ANSWERS, () => new Map());
  if (known.has(call.id)) return known.get(call.id);
  const answer = findTaskFactory(call, names);
  known.set(call.id, answer);
  return answer;
}

function findTaskFactory(call: SyntaxNode, names: ModuleNames): TaskFactory | undefined {
  if (call.type !== 'call') return undefined;
  const callee = call.childForFieldName('function');
  // Only a callee spelled `...create_task`, `...ensure_future` or an alias imported from asyncio can be one.
  if (!callee || !maySpell(names, callee, TASK_FUNCTIONS)) return undefined;
  const member = asyncioMemberOf(names.qualifiedName(callee));
  if (member && TASK_FUNCTIONS.has(member)) return { kind: 'loose', api: `asyncio.${member}` };
  if (callee.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'create_task') return undefined;
  const receiver = callee.childForFieldName('object');
  if (!receiver) return undefined;
  const qualified = names.qualifiedName(receiver);
  if (qualified !== undefined) {
    if (isEventLoopValue(qualified)) return { kind: 'loose', api: `${receiver.text}.create_task` };
    if (asyncioMemberOf(qualified.replace(/\(\)$/, '')) === 'TaskGroup' && qualified.endsWith('()')) return { kind: 'group', api: `${receiver.text}.create_task` };
    return undefined;
  }
  // A local bound once to a value the names cannot follow: the value's name decides (`loop = self._loop`
  // is a loop, `loop = None` is not). Otherwise nothing says what the receiver is: its own name decides
  // (a parameter `loop`, `self._loop`).
  const binding = receiver.type === 'identifier' ? names.lookup(receiver.text, receiver) : undefined;
  const named = binding?.kind === 'value' ? binding.value : receiver;
  return LOOP_NAME.test(lastName(named) ?? '') ? { kind: 'loose', api: `${receiver.text}.create_task` } : undefined;
}

function lastName(expression: SyntaxNode): string | undefined {
  if (expression.type === 'attribute') return expression.childForFieldName('attribute')?.text;
  return expression.type === 'identifier' ? expression.text : undefined;
}
