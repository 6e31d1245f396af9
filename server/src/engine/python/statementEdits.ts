// Where a fix may add or replace whole Python statements without breaking indentation: a statement
// alone on its line (its indentation is then the block's), and the place for a new module-level
// statement (after the imports, the docstring and `from __future__` lines).
import { newlineOf } from '../fixes/edits';
import type { ModuleNames } from './names';
import type { SyntaxNode } from './parser';

/**
 * The indentation of a statement that has its line to itself (only whitespace before it, only
 * whitespace or a comment after it), or undefined (`if c: f()`, `a(); b()`): statements can then be
 * added before or after it at the same indentation.
 */
export function ownLineIndent(text: string, statement: SyntaxNode): string | undefined {
  const lineStart = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const before = text.slice(lineStart, statement.startIndex);
  if (!/^[ \t]*$/.test(before)) return undefined;
  const lineEnd = text.indexOf('\n', statement.endIndex);
  const after = text.slice(statement.endIndex, lineEnd === -1 ? text.length : lineEnd);
  if (!/^[ \t]*(?:#.*)?\r?$/.test(after)) return undefined;
  return before;
}

/** The end of the line a node ends on (the offset of its newline, or the text's end). */
export function endOfLine(text: string, node: SyntaxNode): number {
  const lineEnd = text.indexOf('\n', node.endIndex);
  if (lineEnd === -1) return text.length;
  return text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
}

/**
 * Where a new module-level statement goes: after the last top-level import (or the docstring, or
 * nothing), as an offset and the text to insert around `statement`.
 */
export function moduleStatementInsertion(root: SyntaxNode, text: string, statement: string): { start: number; end: number; newText: string } {
  const nl = newlineOf({ text });
  let anchor: SyntaxNode | undefined;
  // Sibling by sibling: a large module's children are not all copied out of the tree for the first few.
  for (let child = root.firstNamedChild, index = 0; child; child = child.nextNamedSibling, index++) {
    if (child.type === 'import_statement' || child.type === 'import_from_statement' || child.type === 'future_import_statement') anchor = child;
    else if (index === 0 && child.type === 'expression_statement' && child.firstNamedChild?.type === 'string') anchor = child;
    else if (child.type !== 'comment') break;
  }
  if (!anchor) return { start: 0, end: 0, newText: `${statement}${nl}${nl}` };
  const end = endOfLine(text, anchor);
  return { start: end, end, newText: `${nl}${nl}${statement}` };
}

/** The first of `candidates` a fix can bind in `fn`: not written anywhere in the function, and bound to nothing in scope at `at`. */
export function unusedName(names: ModuleNames, fn: SyntaxNode, at: SyntaxNode, candidates: readonly string[]): string | undefined {
  const text = fn.text;
  return candidates.find((candidate) => !new RegExp(`\\b${candidate}\\b`).test(text) && names.lookup(candidate, at) === undefined);
}
