// "Start it in an asyncio.TaskGroup": a dropped `asyncio.create_task(c)` statement in the body of an
// `async def` becomes `tg.create_task(c)` inside `async with asyncio.TaskGroup() as tg:`, and the rest
// of the body moves into that block. The task still runs beside the statements after it; the block
// then waits for it and raises its exception, so nothing is lost or garbage-collected (Python 3.11+).
//
// Offered only where the rewrite is exact: the statement is directly in the function's body (in a
// loop, the block would make each iteration wait for its task), no statement after it spans a
// multi-line string (re-indenting would change the string) or yields (a yield inside a task group
// suspends with the group open), and the project does not say it supports a Python before 3.11.
import type { Fix, TextEdit } from '../findings';
import { asyncioUsable, editAt, importAsyncioEdit } from './fixes';
import { yieldsWithin } from './functionBodies';
import type { SyntaxNode } from './parser';
import { pythonMinorFloor } from './pythonVersionFloor';
import type { PythonModule } from './rule';
import { ownLineIndent, unusedName } from './statementEdits';

const TASK_GROUP_MINOR = 11;
const GROUP_NAMES = ['tg', 'task_group', 'tasks_group'];
/** A def or class after the call: its yields are its own. */
const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/** The TaskGroup rewrite of a dropped `create_task` statement in `fn`, when it is exact. */
export function taskGroupFix(module: PythonModule, statement: SyntaxNode, call: SyntaxNode, fn: SyntaxNode): Fix | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'create_task') return undefined;
  const body = fn.childForFieldName('body');
  if (!body || statement.parent?.id !== body.id) return undefined;
  const floor = pythonMinorFloor(module.fileName);
  if (floor !== undefined && floor < TASK_GROUP_MINOR) return undefined;
  const indent = ownLineIndent(module.text, statement);
  const unit = indentUnit(module.text, fn, indent);
  const asyncio = asyncioUsable(module, statement);
  const group = unusedName(module.names, fn, statement, GROUP_NAMES);
  if (indent === undefined || !unit || !asyncio || !group) return undefined;
  const rest = restOfBlock(statement);
  if (rest.some((node) => spansMultilineString(node) || (!DEFINITIONS.has(node.type) && yieldsWithin(node)))) return undefined;
  const last = rest[rest.length - 1];
  const regionStart = module.text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const region = module.text.slice(regionStart, last.endIndex);
  const calleeOffset = callee.startIndex - regionStart;
  const rewritten = `${region.slice(0, calleeOffset)}${group}.create_task${region.slice(calleeOffset + callee.text.length)}`;
  const nl = module.text.includes('\r\n') ? '\r\n' : '\n';
  const indented = rewritten.split(/(?<=\n)/).map((line) => (/^[ \t]*\r?\n?$/.test(line) ? line : unit + line)).join('');
  const edits: TextEdit[] = [editAt(module, regionStart, last.endIndex, `${indent}async with ${asyncio.name}.TaskGroup() as ${group}:${nl}${indented}`)];
  if (asyncio.needsImport) edits.unshift(importAsyncioEdit(module));
  return { title: `Start it in an asyncio.TaskGroup spanning the rest of '${fn.childForFieldName('name')?.text ?? 'the function'}' (Python 3.11+)`, kind: 'suggestion', edits };
}

/** The statement and the ones after it in its block. */
function restOfBlock(statement: SyntaxNode): SyntaxNode[] {
  const rest: SyntaxNode[] = [];
  for (let node: SyntaxNode | null = statement; node; node = node.nextNamedSibling) if (node.type !== 'comment') rest.push(node);
  return rest;
}

/** One level of indentation in this function: its body's indentation beyond the def's (spaces or a tab). */
function indentUnit(text: string, fn: SyntaxNode, bodyIndent: string | undefined): string | undefined {
  if (bodyIndent === undefined) return undefined;
  const defLineStart = text.lastIndexOf('\n', fn.startIndex - 1) + 1;
  const defIndent = /^[ \t]*/.exec(text.slice(defLineStart, fn.startIndex))?.[0] ?? '';
  if (!bodyIndent.startsWith(defIndent) || bodyIndent.length === defIndent.length) return undefined;
  return bodyIndent.slice(defIndent.length);
}

function spansMultilineString(root: SyntaxNode): boolean {
  let found = false;
  const visit = (node: SyntaxNode): void => {
    if (found) return;
    if ((node.type === 'string' || node.type === 'concatenated_string') && node.startPosition.row !== node.endPosition.row) {
      found = true;
      return;
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(root);
  return found;
}
