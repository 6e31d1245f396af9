// The baseline key of a Python finding (see ../baseline.ts): the enclosing class and def names
// (`Repo.load`, `<top level>`) and the finding's text with whitespace normalised; a finding on a
// callee stands for the whole call, so its arguments tell equal callees apart.
import { normaliseText } from '../baseline';
import type { SyntaxNode } from './parser';

export function pythonFindingKey(root: SyntaxNode, text: string, start: number, end: number): string {
  let node: SyntaxNode | null = root.descendantForIndex(start, Math.max(start, end - 1));
  // The outermost node with exactly the finding's range: is it a call's callee?
  let exact: SyntaxNode | undefined;
  for (let current: SyntaxNode | null = node; current && current.startIndex === start && current.endIndex === end; current = current.parent) exact = current;
  const call = exact?.parent;
  if (exact && call?.type === 'call' && call.childForFieldName('function')?.id === exact.id) end = call.endIndex;
  const names: string[] = [];
  for (; node; node = node.parent) {
    if (node.type !== 'function_definition' && node.type !== 'class_definition') continue;
    const name = node.childForFieldName('name');
    if (name) names.unshift(name.text);
  }
  return `${names.length > 0 ? names.join('.') : '<top level>'}: ${normaliseText(text.slice(start, end))}`;
}
