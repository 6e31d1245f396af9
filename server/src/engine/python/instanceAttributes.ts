// What `self.<name>` holds inside a method, so that `self.session.get(url)` is known to be
// `requests.Session().get` when `__init__` did `self.session = requests.Session()`. The answer is
// the one value the class gives the attribute: assignments through a method's receiver anywhere in
// the class (`self.x = ...`, nested functions included), a class-level `x = ...`, or an annotation
// (`client: httpx.Client` in the class body, `self.client: httpx.Client = ...`), which wins over
// the values when there is one. `None` does not
// count (`self.s = None` until `connect()` sets it: a method called on it means it was set). Two
// different values, an augmented or tuple assignment, or a `del`: no answer, as for a local name
// bound twice.
import { MemoKey } from '../memo';
import { firstParameterName } from './functionBodies';
import { namedChildren } from './parser';
import { namedNodesOfTypes } from './treeNodes';
import type { SyntaxNode } from './parser';

export type AttributeSource =
  /** The attribute is given this value (its qualified name is the attribute's). */
  | { kind: 'value'; value: SyntaxNode }
  /** The attribute is annotated with this class: an instance of it. */
  | { kind: 'instance'; type: SyntaxNode };

/** `annotatedClass` of names.ts: the class an annotation names, if it names one. */
type AnnotatedClass = (type: SyntaxNode | null) => SyntaxNode | undefined;

/** Per syntax tree: each class's attributes, each method's class, and the statements that write attributes. */
interface TreeFacts {
  attributes: Map<number, Map<string, AttributeSource | null>>;
  /** A method's class and the name of its first parameter; null for a def that is not a method. */
  receivers: Map<number, { classNode: SyntaxNode; receiver: string | undefined } | null>;
  /** The writing statements of each class's methods (writesByClass), once per tree. */
  writes?: Map<number, ClassWrite[]>;
}

interface ClassWrite {
  statement: SyntaxNode;
  method: SyntaxNode;
}
const FACTS = new MemoKey<TreeFacts>('instance attributes');

function factsOf(node: SyntaxNode): TreeFacts {
  return node.tree.memo.get(FACTS, () => ({ attributes: new Map(), receivers: new Map() }));
}

/**
 * The class whose instance `receiver` is: the identifier is the first parameter of a method (a def
 * directly in a class body, not a `@staticmethod` or `@classmethod`) and `method` is that def.
 */
export function receiverClass(receiver: SyntaxNode, method: SyntaxNode): SyntaxNode | undefined {
  if (method.type !== 'function_definition') return undefined;
  const { receivers } = factsOf(method);
  let known = receivers.get(method.id);
  if (known === undefined) {
    const classNode = methodClass(method);
    known = classNode ? { classNode, receiver: firstParameterName(method) } : null;
    receivers.set(method.id, known);
  }
  return known && known.receiver === receiver.text ? known.classNode : undefined;
}

/** The class a def is a method of (directly in its body, not a static or class method). */
function methodClass(method: SyntaxNode): SyntaxNode | undefined {
  let holder = method.parent;
  if (holder?.type === 'decorated_definition') {
    if (namedChildren(holder).some((child) => child.type === 'decorator' && /^@(?:\w+\.)*(?:staticmethod|classmethod)\b/.test(child.text))) return undefined;
    holder = holder.parent;
  }
  return holder?.type === 'block' && holder.parent?.type === 'class_definition' ? holder.parent : undefined;
}

/** What the class gives its instances' attribute `name`, or undefined when it is not one thing. */
export function instanceAttribute(classNode: SyntaxNode, name: string, annotatedClass: AnnotatedClass): AttributeSource | undefined {
  const { attributes } = factsOf(classNode);
  let ofClass = attributes.get(classNode.id);
  if (!ofClass) attributes.set(classNode.id, (ofClass = classAttributes(classNode, annotatedClass)));
  return ofClass.get(name) ?? undefined;
}

/** Every attribute the class writes: its one source, or null when it is not one thing. */
function classAttributes(classNode: SyntaxNode, annotatedClass: AnnotatedClass): Map<string, AttributeSource | null> {
  const writes = new Map<string, { annotation?: SyntaxNode; values: SyntaxNode[]; conflicting: boolean }>();
  const consider = (name: string, target: SyntaxNode, statement: SyntaxNode | undefined): void => {
    let entry = writes.get(name);
    if (!entry) writes.set(name, (entry = { values: [], conflicting: false }));
    if (statement?.type !== 'assignment' || statement.childForFieldName('left')?.id !== target.id) {
      entry.conflicting = true; // `self.x += 1`, `self.x, self.y = ...`, `for self.x in ...`, `del self.x`
      return;
    }
    const type = statement.childForFieldName('type');
    if (type) entry.annotation ??= annotatedClass(type);
    const value = statement.childForFieldName('right');
    if (value && value.type !== 'none') entry.values.push(value);
  };
  const body = classNode.childForFieldName('body');
  for (const statement of body ? namedChildren(body) : []) {
    // Class-level `name = value` / `name: Type`.
    const assignment = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    if (assignment && left?.type === 'identifier') consider(left.text, left, assignment);
  }
  // The statements that can write an attribute, from the module's shared walk (treeNodes.ts), then
  // their targets; each statement's method is found by offset (no climb through parents).
  for (const { statement, method } of writesByClass(classNode).get(classNode.id) ?? []) {
    for (const target of writtenAttributes(statement)) {
      const object = target.childForFieldName('object');
      if (object?.type !== 'identifier' || !receiverClass(object, method)) continue;
      consider(target.childForFieldName('attribute')?.text ?? '', target, statement);
    }
  }
  const sources = new Map<string, AttributeSource | null>();
  for (const [name, entry] of writes) sources.set(name, sourceOf(entry));
  return sources;
}

function sourceOf(entry: { annotation?: SyntaxNode; values: SyntaxNode[]; conflicting: boolean }): AttributeSource | null {
  if (entry.conflicting) return null;
  // A declared class says what every value is; without one, the values must agree.
  if (entry.annotation) return { kind: 'instance', type: entry.annotation };
  const distinct = new Set(entry.values.map((value) => value.text));
  return distinct.size === 1 ? { kind: 'value', value: entry.values[0] } : null;
}

/**
 * What the tree's methods write to attributes, for comparing two trees of a file: per attribute
 * name, each writing statement with its class and whether it writes through the method's receiver,
 * in document order. A name with the same entry in both trees has the same `instanceAttribute`
 * source in every class that did not change (class-level assignments are compared as the class's
 * bindings, names.ts `bindingChanges`).
 */
export function attributeWrites(root: SyntaxNode): Map<string, string> {
  const lists = new Map<string, string[]>();
  for (const [classId, writes] of writesByClass(root)) {
    for (const { statement, method } of writes) {
      for (const target of writtenAttributes(statement)) {
        const object = target.childForFieldName('object');
        const name = target.childForFieldName('attribute')?.text ?? '';
        const throughReceiver = object?.type === 'identifier' && receiverClass(object, method) !== undefined;
        const list = lists.get(name) ?? [];
        list.push(`${classId} ${throughReceiver ? 'self' : 'other'} ${statement.type} ${statement.text}`);
        lists.set(name, list);
      }
    }
  }
  return new Map([...lists].map(([name, list]) => [name, list.join('\n')]));
}

const WRITING_STATEMENTS = ['assignment', 'augmented_assignment', 'for_statement', 'delete_statement'];
const TARGET_LISTS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list', 'parenthesized_expression']);

/** The attribute expressions a statement writes: its target (`left`; a `del`'s operands), inside tuples and lists too. */
function writtenAttributes(statement: SyntaxNode): SyntaxNode[] {
  const roots = statement.type === 'delete_statement' ? namedChildren(statement) : [statement.childForFieldName('left')];
  const found: SyntaxNode[] = [];
  const visit = (node: SyntaxNode | null): void => {
    if (node?.type === 'attribute') found.push(node);
    else if (node && TARGET_LISTS.has(node.type)) for (const child of namedChildren(node)) visit(child);
  };
  for (const root of roots) visit(root);
  return found;
}

/**
 * Every writing statement of the module with the class and the method it is directly in (a nested
 * class's methods have their own `self`; a statement of a nested function belongs to the method
 * around it), from one pass over the module's shared walk per tree.
 */
function writesByClass(node: SyntaxNode): Map<number, ClassWrite[]> {
  const facts = factsOf(node);
  if (facts.writes) return facts.writes;
  const byClass = (facts.writes = new Map<number, ClassWrite[]>());
  // Open classes and defs, innermost last, with their offsets read once.
  const open: { node: SyntaxNode; type: string; end: number; method?: SyntaxNode }[] = [];
  for (const found of namedNodesOfTypes(node.tree, [...WRITING_STATEMENTS, 'class_definition', 'function_definition'])) {
    const start = found.startIndex;
    while (open.length > 0 && open[open.length - 1].end <= start) open.pop();
    const type = found.type;
    if (type === 'class_definition' || type === 'function_definition') {
      const parent = open[open.length - 1];
      // A def directly in a class is its method; a def inside a method stays in that method.
      const method = type === 'function_definition' ? (parent?.type === 'class_definition' ? found : parent?.method) : undefined;
      open.push({ node: found, type, end: found.endIndex, method });
      continue;
    }
    // The innermost class: a nested class's methods write their own instances.
    let classIndex = open.length - 1;
    while (classIndex >= 0 && open[classIndex].type !== 'class_definition') classIndex--;
    const method = open[open.length - 1]?.method;
    if (classIndex < 0 || !method) continue;
    const classId = open[classIndex].node.id;
    const list = byClass.get(classId) ?? [];
    list.push({ statement: found, method });
    byClass.set(classId, list);
  }
  return byClass;
}
