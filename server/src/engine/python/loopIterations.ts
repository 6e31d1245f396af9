// Does one iteration of a Python `for` loop depend on another? A name written in the body and read
// by a later iteration (an accumulator, `prev = await f(prev)`), a collection the header iterates
// and the body changes, and the names the loop's target binds. Conservative: any doubt is a
// dependency (the rules that ask would rather miss a loop than call a sequential one independent).
import { forEachOwnNode } from './functionBodies';
import { namedChildren } from './parser';
import type { SyntaxNode } from './parser';

const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern']);
const MUTATORS = new Set(['append', 'extend', 'insert', 'pop', 'popleft', 'appendleft', 'remove', 'add', 'discard', 'update', 'clear', 'put', 'put_nowait', 'setdefault', 'sort', 'reverse']);

/** The plain names an assignment target binds (`a`, `a, (b, c)`); attributes and subscripts bind none. */
export function boundNames(target: SyntaxNode | null): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  if (PATTERNS.has(target.type)) return namedChildren(target).flatMap(boundNames);
  return [];
}

interface Write {
  name: string;
  node: SyntaxNode;
  /** `x += ...`: reads the previous value. A `+= 1` step counts as `counter`. */
  augmented: boolean;
  counter: boolean;
}

function writesIn(body: SyntaxNode): Write[] {
  const writes: Write[] = [];
  forEachOwnNode(body, (node) => {
    switch (node.type) {
      case 'assignment':
        for (const name of boundNames(node.childForFieldName('left'))) writes.push({ name, node, augmented: false, counter: false });
        break;
      case 'augmented_assignment': {
        const right = node.childForFieldName('right');
        const counter = right?.type === 'integer' && right.text === '1';
        for (const name of boundNames(node.childForFieldName('left'))) writes.push({ name, node, augmented: true, counter });
        // `self.total += x`, `totals[k] += x`: state outside the iteration, read and written.
        if (boundNames(node.childForFieldName('left')).length === 0) writes.push({ name: '', node, augmented: true, counter: false });
        break;
      }
      case 'named_expression':
        for (const name of boundNames(node.childForFieldName('name'))) writes.push({ name, node, augmented: false, counter: false });
        break;
      case 'for_statement':
        for (const name of boundNames(node.childForFieldName('left'))) writes.push({ name, node, augmented: false, counter: false });
        break;
      case 'as_pattern': {
        const alias = node.childForFieldName('alias');
        for (const name of alias ? namedChildren(alias).flatMap(boundNames) : []) writes.push({ name, node, augmented: false, counter: false });
        break;
      }
    }
  });
  return writes;
}

/** Identifiers named `name` read (not only written) under `root`, in the same body. */
function readsOf(root: SyntaxNode, name: string): SyntaxNode[] {
  const reads: SyntaxNode[] = [];
  forEachOwnNode(root, (node) => {
    if (node.type === 'identifier' && node.text === name && isVariableReference(node) && !isWriteOnly(node)) reads.push(node);
  });
  return reads;
}

/** An identifier that names a variable: not the attribute of `a.x`, not the keyword of `f(x=1)`. */
export function isVariableReference(identifier: SyntaxNode): boolean {
  const parent = identifier.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === identifier.id) return false;
  if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === identifier.id) return false;
  return true;
}

/** `x` in `x = ...`, `for x in`, `(x := ...)`, `as x`: written, not read. */
function isWriteOnly(identifier: SyntaxNode): boolean {
  let current = identifier;
  while (current.parent && PATTERNS.has(current.parent.type)) current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === 'assignment' || parent.type === 'for_statement' || parent.type === 'for_in_clause') return parent.childForFieldName('left')?.id === current.id;
  if (parent.type === 'named_expression') return parent.childForFieldName('name')?.id === current.id;
  if (parent.type === 'as_pattern_target') return true;
  if (parent.type === 'keyword_argument') return parent.childForFieldName('name')?.id === current.id;
  return false;
}

/**
 * Whether a later iteration sees what an earlier one did: a name the body writes and reads before
 * writing it (or reads in the header), an augmented assignment other than a `+= 1` counter read
 * nowhere else, state written through an attribute or subscript with `+=`, or a mutation of the
 * collection the header iterates.
 */
export function carriesState(loop: SyntaxNode): boolean {
  const body = loop.childForFieldName('body');
  if (!body) return true;
  const header = loop.childForFieldName('right');
  const targets = new Set(boundNames(loop.childForFieldName('left')));
  const writes = writesIn(body);
  for (const write of writes) {
    if (write.name === '') return true;
    if (targets.has(write.name)) continue;
    const reads = readsOf(body, write.name).filter((read) => !(write.augmented && isInside(read, write.node) && isTargetOf(read, write.node)));
    if (write.augmented) {
      if (!write.counter || reads.length > 0) return true;
      continue;
    }
    // A write takes effect after its value is evaluated: `prev = await f(prev)` reads the last iteration's `prev`.
    const firstWrite = Math.min(...writes.filter((other) => other.name === write.name).map((other) => writePoint(other.node)));
    if (reads.some((read) => read.startIndex < firstWrite)) return true;
    if (header && readsOf(header, write.name).length > 0) return true;
  }
  return header ? mutatesNamesOf(body, header) : false;
}

function writePoint(node: SyntaxNode): number {
  if (node.type === 'for_statement') return node.childForFieldName('left')?.endIndex ?? node.startIndex;
  return node.endIndex;
}

function isInside(node: SyntaxNode, container: SyntaxNode): boolean {
  return node.startIndex >= container.startIndex && node.endIndex <= container.endIndex;
}

function isTargetOf(identifier: SyntaxNode, augmented: SyntaxNode): boolean {
  return augmented.childForFieldName('left')?.id === identifier.id;
}

/** The body changes a collection the header reads: `queue.append(...)`, `items[k] = v`, `del items[k]`. */
function mutatesNamesOf(body: SyntaxNode, header: SyntaxNode): boolean {
  const headerNames = new Set<string>();
  forEachOwnNode(header, (node) => {
    if (node.type === 'identifier' && isVariableReference(node)) headerNames.add(node.text);
  });
  let mutated = false;
  forEachOwnNode(body, (node) => {
    if (mutated) return false;
    let receiver: SyntaxNode | null = null;
    if (node.type === 'call') {
      const callee = node.childForFieldName('function');
      if (callee?.type === 'attribute' && MUTATORS.has(callee.childForFieldName('attribute')?.text ?? '')) receiver = callee.childForFieldName('object');
    } else if ((node.type === 'assignment' || node.type === 'augmented_assignment') && node.childForFieldName('left')?.type === 'subscript') {
      receiver = node.childForFieldName('left')?.childForFieldName('value') ?? null;
    } else if (node.type === 'delete_statement') {
      receiver = namedChildren(node)[0] ?? null;
    }
    const root = receiver && rootName(receiver);
    if (root && headerNames.has(root)) mutated = true;
    return !mutated;
  });
  return mutated;
}

/** `a` for `a`, `a.b.c`, `a[0].b`. */
export function rootName(expression: SyntaxNode): string | undefined {
  let current: SyntaxNode | null = expression;
  while (current && (current.type === 'attribute' || current.type === 'subscript' || current.type === 'call')) {
    current = current.type === 'attribute' ? current.childForFieldName('object') : current.type === 'subscript' ? current.childForFieldName('value') : current.childForFieldName('function');
  }
  return current?.type === 'identifier' ? current.text : undefined;
}
