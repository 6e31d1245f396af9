// Where a comment line may be inserted in a Python file (the "Ignore ... on this line" fix puts a
// `# loopguard-ignore-next-line` line above a finding's line).
import type { SyntaxNode } from './parser';

/** True when a line starting at `offset` continues the line above (a backslash) or lies inside a string: no comment line may go there. */
export function continuesStatement(root: SyntaxNode, offset: number): boolean {
  if (offset === 0) return false;
  for (let node: SyntaxNode | null = root.descendantForIndex(offset - 1, offset - 1); node; node = node.parent) {
    if (node.type === 'line_continuation') return true;
    if (node.type === 'string' && node.startIndex < offset && offset < node.endIndex) return true;
  }
  for (let node: SyntaxNode | null = root.descendantForIndex(offset, offset); node; node = node.parent) {
    if (node.type === 'string' && node.startIndex < offset && offset < node.endIndex) return true;
  }
  return false;
}
