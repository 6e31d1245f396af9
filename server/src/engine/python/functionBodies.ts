// Which function body a node runs in, and what runs as part of one body: the questions every
// Python rule about `async def` asks ("is this call inside an async def?", "does this try body have
// an await point?"). A nested `def`, `lambda` or class body is another body: its code runs when it
// is called, not where it is written.
import type { SyntaxNode } from './parser';

/** Nodes whose insides run at another time than the code around them. */
const OTHER_BODIES = new Set(['function_definition', 'lambda', 'class_definition']);
/** Where a climb from a node through its parents leaves the body it runs in: another body, or the module. */
export const BODY_BOUNDARIES = new Set([...OTHER_BODIES, 'module']);

/**
 * The `def`/`async def`/`lambda` whose body holds `node`, or undefined for module-level code and class
 * bodies. A def's decorators, defaults and annotations run where the def is written, so they belong
 * to the enclosing body.
 */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === 'function_definition') {
      if (current.childForFieldName('body')?.id === child.id) return current;
      continue;
    }
    if (current.type === 'lambda') {
      if (current.childForFieldName('body')?.id === child.id) return current;
      continue;
    }
    if (current.type === 'class_definition' && current.childForFieldName('body')?.id === child.id) return undefined;
  }
  return undefined;
}

/** `async def`. */
export function isAsyncFunction(definition: SyntaxNode | undefined): boolean {
  if (!definition || definition.type !== 'function_definition') return false;
  return definition.child(0)?.type === 'async';
}

/** The `async def` whose own body holds `node` (not a nested def or lambda inside it), or undefined. */
export function enclosingAsyncFunction(node: SyntaxNode): SyntaxNode | undefined {
  const fn = enclosingFunction(node);
  return isAsyncFunction(fn) ? fn : undefined;
}

/** `async for` / `async with` (the statement starts with the `async` keyword). */
export function isAsyncStatement(node: SyntaxNode): boolean {
  return (node.type === 'for_statement' || node.type === 'with_statement') && node.child(0)?.type === 'async';
}

/**
 * Visits `root` and the nodes under it that run as part of the same body, in source order: nested
 * defs, lambdas and classes are visited themselves but not entered. `visit` returning false skips a
 * node's children.
 */
export function forEachOwnNode(root: SyntaxNode, visit: (node: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    if (visit(node) === false) continue;
    if (node.id !== root.id && OTHER_BODIES.has(node.type)) continue;
    // All named children at once (the list is kept per node).
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
}

/** Whether the code under `root` (in the same body) can suspend: an `await`, `async for` or `async with`. */
export function containsAwaitPoint(root: SyntaxNode): boolean {
  let found = false;
  forEachOwnNode(root, (node) => {
    if (found) return false;
    if (node.type === 'await' || isAsyncStatement(node)) found = true;
    return !found;
  });
  return found;
}

/** The nearest loop statement (`for`, `while`) around `node` inside its own function body, or undefined. */
export function enclosingLoop(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (OTHER_BODIES.has(current.type)) return undefined;
    if (current.type === 'for_statement' || current.type === 'while_statement') return current;
  }
  return undefined;
}

/**
 * A `yield` in the code of `root` itself, not in a def, lambda or class below it: one
 * `descendantsOfType` walk, the nested bodies skipped by their offsets.
 */
export function yieldsWithin(root: SyntaxNode): boolean {
  let skipEnd = -1;
  for (const node of root.descendantsOfType(['yield', ...OTHER_BODIES])) {
    if (!node?.isNamed || node.startIndex < skipEnd) continue;
    if (node.type === 'yield') return true;
    skipEnd = node.endIndex;
  }
  return false;
}

/** The name of a def's first parameter (`self`, `cls`; also `self: Foo` and `self=...`). */
export function firstParameterName(definition: SyntaxNode): string | undefined {
  const first = definition.childForFieldName('parameters')?.firstNamedChild;
  if (first?.type === 'identifier') return first.text;
  if (first?.type === 'typed_parameter') return first.firstNamedChild?.type === 'identifier' ? first.firstNamedChild.text : undefined;
  return first?.childForFieldName('name')?.text ?? undefined;
}
