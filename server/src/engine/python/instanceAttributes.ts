// What `self.<name>` holds inside a method, so that `self.session.get(url)` is known to be
// `requests.Session().get` when `__init__` did `self.session = requests.Session()`. The answer is
// the one value the class gives the attribute: assignments through a method's receiver anywhere in
// the class (`self.x = ...`, nested functions included), a class-level `x = ...`, or an annotation
// (`client: httpx.Client` in the class body, `self.client: httpx.Client = ...`), which wins over
// the values when there is one. `None` does not
// count (`self.s = None` until `connect()` sets it: a method called on it means it was set). Two
// different values, an augmented or tuple assignment, or a `del`: no answer, as for a local name
// bound twice.
import { namedChildren } from './parser';
import type { SyntaxNode } from './parser';

export type AttributeSource =
  /** The attribute is given this value (its qualified name is the attribute's). */
  | { kind: 'value'; value: SyntaxNode }
  /** The attribute is annotated with this class: an instance of it. */
  | { kind: 'instance'; type: SyntaxNode };

/** `annotatedClass` of names.ts: the class an annotation names, if it names one. */
type AnnotatedClass = (type: SyntaxNode | null) => SyntaxNode | undefined;

const answers = new WeakMap<SyntaxNode['tree'], Map<string, AttributeSource | null>>();

/**
 * The class whose instance `receiver` is: the identifier is the first parameter of a method (a def
 * directly in a class body, not a `@staticmethod` or `@classmethod`) and `method` is that def.
 */
export function receiverClass(receiver: SyntaxNode, method: SyntaxNode): SyntaxNode | undefined {
  if (method.type !== 'function_definition') return undefined;
  const first = namedChildren(method.childForFieldName('parameters') ?? method).find((parameter) => parameter.type !== 'comment');
  const firstName = first?.type === 'identifier' ? first.text : first?.type === 'typed_parameter' ? namedChildren(first)[0]?.text : undefined;
  if (firstName !== receiver.text) return undefined;
  let holder = method.parent;
  if (holder?.type === 'decorated_definition') {
    if (namedChildren(holder).some((child) => child.type === 'decorator' && /^@(?:\w+\.)*(?:staticmethod|classmethod)\b/.test(child.text))) return undefined;
    holder = holder.parent;
  }
  return holder?.type === 'block' && holder.parent?.type === 'class_definition' ? holder.parent : undefined;
}

/** What the class gives its instances' attribute `name`, or undefined when it is not one thing. */
export function instanceAttribute(classNode: SyntaxNode, name: string, annotatedClass: AnnotatedClass): AttributeSource | undefined {
  let known = answers.get(classNode.tree);
  if (!known) answers.set(classNode.tree, (known = new Map()));
  const key = `${classNode.id}\0${name}`;
  if (!known.has(key)) known.set(key, findAttribute(classNode, name, annotatedClass) ?? null);
  return known.get(key) ?? undefined;
}

function findAttribute(classNode: SyntaxNode, name: string, annotatedClass: AnnotatedClass): AttributeSource | undefined {
  const body = classNode.childForFieldName('body');
  if (!body) return undefined;
  let annotation: SyntaxNode | undefined;
  const values: SyntaxNode[] = [];
  let conflicting = false;
  const consider = (target: SyntaxNode, statement: SyntaxNode): void => {
    if (statement.type !== 'assignment' || statement.childForFieldName('left')?.id !== target.id) {
      conflicting = true; // `self.x += 1`, `self.x, self.y = ...`, `for self.x in ...`, `del self.x`
      return;
    }
    const type = statement.childForFieldName('type');
    if (type) annotation ??= annotatedClass(type);
    const value = statement.childForFieldName('right');
    if (value && value.type !== 'none') values.push(value);
  };
  for (const statement of namedChildren(body)) {
    // Class-level `name = value` / `name: Type`.
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    if (assignment && left?.type === 'identifier' && left.text === name) consider(left, assignment);
  }
  for (const target of body.descendantsOfType('attribute')) {
    if (!target || target.childForFieldName('attribute')?.text !== name || !isWrittenTarget(target)) continue;
    const object = target.childForFieldName('object');
    const method = object?.type === 'identifier' ? methodOf(target, classNode) : undefined;
    if (!object || !method || !receiverClass(object, method)) continue;
    consider(target, writingStatement(target) as SyntaxNode);
  }
  if (conflicting) return undefined;
  // A declared class says what every value is; without one, the values must agree.
  if (annotation) return { kind: 'instance', type: annotation };
  const distinct = new Set(values.map((value) => value.text));
  return distinct.size === 1 ? { kind: 'value', value: values[0] } : undefined;
}

/** Whether an attribute expression is written to: an assignment's target (possibly inside a tuple), `del`, a `for` target. */
function isWrittenTarget(target: SyntaxNode): boolean {
  return writingStatement(target) !== undefined;
}

function writingStatement(target: SyntaxNode): SyntaxNode | undefined {
  let child = target;
  for (let parent = target.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'pattern_list' || parent.type === 'tuple_pattern' || parent.type === 'list_pattern' || parent.type === 'expression_list') continue;
    if ((parent.type === 'assignment' || parent.type === 'augmented_assignment' || parent.type === 'for_statement') && parent.childForFieldName('left')?.id === child.id) return parent;
    if (parent.type === 'delete_statement') return parent;
    return undefined;
  }
  return undefined;
}

/** The method of `classNode` (a def directly in its body) that `node` is in, through nested functions. */
function methodOf(node: SyntaxNode, classNode: SyntaxNode): SyntaxNode | undefined {
  let method: SyntaxNode | undefined;
  for (let current = node.parent; current && current.id !== classNode.id; current = current.parent) {
    if (current.type === 'function_definition') method = current;
    if (current.type === 'class_definition') return undefined; // a nested class's own self
  }
  return method;
}
