// What a name means in one Python module, by Python's scoping rules: the question every Python rule
// asks first ("is this call `time.sleep`?"). Answers are qualified names: `time.sleep` for
// `import time as t; t.sleep`, `from time import sleep as nap; nap`, or `sleep = time.sleep; sleep`;
// `builtins.open` for an `open` nothing in scope binds; `pkg.helpers.load` for a function of the
// project (the project model maps it to its file). A call's result is written with `()` appended
// (`httpx.Client()` for `client = httpx.Client()`; then `client.get` is `httpx.Client().get`), so
// methods of known blocking clients can be catalogued. A parameter, a loop variable, `self.sleep`, or a
// name assigned more than once has no qualified name: the look-alikes are never mistaken for the API.
//
// Scopes: a function (or lambda, or comprehension) sees its own bindings, then the enclosing functions'
// (class bodies are skipped, as Python does), then the module's, then the builtins. `global` and
// `nonlocal` declarations send a name to the scope they name.
import { Memo } from '../memo';
import { instanceAttribute, receiverClass } from './instanceAttributes';
import { fieldChildren, namedChildren } from './parser';
import type { SyntaxNode } from './parser';
import { SCOPE_TYPES } from './syntaxTree';
import { namedNodesOfTypes } from './treeNodes';

export type Binding =
  /** `import a.b as c` (c → a.b), `import a.b` (a → a). */
  | { kind: 'module'; name: string }
  /** `from m import n as k`: k → m.n (m made absolute for relative imports). */
  | { kind: 'imported'; module: string; name: string }
  /** `def` / `async def` / `class` in this scope. */
  | { kind: 'function' | 'class'; node: SyntaxNode }
  /** Bound exactly once, by `x = <value>` or `with <value> as x`: x means what the value means. */
  | { kind: 'value'; value: SyntaxNode; call: boolean }
  /** A parameter annotated with a class (`client: httpx.Client`, `p: Path | None`): an instance of it. */
  | { kind: 'instance'; type: SyntaxNode }
  /** Anything else: other parameters, loop variables, names bound more than once, `except ... as e`. */
  | { kind: 'local' };

/** `self.x =`, `self.x: T`, and an indented `x =` / `x:` (a class-level attribute); `==` is not a write. */
const WRITTEN_ATTRIBUTE = /\bself\.([A-Za-z_]\w*)\s*(?::|=(?!=))|^[ \t]+([A-Za-z_]\w*)\s*(?::|=(?!=))/gm;

const FUNCTION_SCOPES = new Set(['function_definition', 'lambda']);
/** The node types collectScope looks at: they bind names, or open a scope whose insides it skips. */
const BINDING_NODES = [
  'function_definition',
  'class_definition',
  'import_statement',
  'import_from_statement',
  'global_statement',
  'nonlocal_statement',
  'assignment',
  'augmented_assignment',
  'named_expression',
  'for_statement',
  'as_pattern',
  'lambda',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'delete_statement',
];
const BINDING_NODE_TYPES = new Set(BINDING_NODES);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

interface Scope {
  node: SyntaxNode;
  bindings: Map<string, Binding>;
  /** Names declared `global` (resolved in the module) or `nonlocal` (in an enclosing function). */
  global: Set<string>;
  nonlocal: Set<string>;
  /** The enclosing scope node (null for the module), once known: climbing parents costs in web-tree-sitter. */
  outer?: SyntaxNode | null;
}

export class ModuleNames {
  private readonly scopes = new Map<number, Scope>();
  private collected = false;
  private attributeNames: Set<string> | undefined;
  private readonly heldAnswers = new Map<string, string | undefined>();
  /** What the analyses computed from this table (task factories, asyncio aliases...), dying with it (see memo.ts). */
  readonly memo = new Memo();

  /**
   * @param root the module node
   * @param moduleName the module's dotted name (`pkg.sub.mod`; `pkg.sub` for `pkg/sub/__init__.py`),
   *   which qualifies the module's own functions and anchors relative imports
   * @param isPackage true for an `__init__.py` (a relative import starts from the package itself)
   */
  constructor(
    readonly root: SyntaxNode,
    readonly moduleName: string,
    readonly isPackage = false,
    /** The names of the tree this one's was made from (after one statement re-parsed alone, its scopes outside the statement are taken over); let go once the scopes are collected. */
    private predecessor?: ModuleNames,
  ) {
    // Only the latest predecessor is kept: not a chain of every table since the file was opened.
    if (predecessor) predecessor.predecessor = undefined;
    this.replaced = predecessor ? root.tree.replaced : undefined;
  }

  /** The statement re-parsed alone to make this table's tree from the predecessor's (read when the table is made: the tree may be edited again before its scopes are collected). */
  private readonly replaced: { before: SyntaxNode; after: SyntaxNode } | undefined;

  /**
   * The qualified name an expression denotes (identifier, attribute chain, call of one), or undefined.
   * `scope`: the scope node the expression is in (what `enclosingScope` gives), when the caller knows
   * it from its own walk: it saves the climb to find it (`parent` is not free in web-tree-sitter).
   */
  qualifiedName(expression: SyntaxNode, depth = 0, scope?: SyntaxNode): string | undefined {
    if (depth > 20) return undefined;
    switch (expression.type) {
      case 'identifier':
        return this.qualifiedNameOfBinding(expression.text, scope ? this.lookupFrom(expression.text, scope) : this.lookup(expression.text, expression), depth);
      case 'attribute': {
        const object = expression.childForFieldName('object');
        const attribute = expression.childForFieldName('attribute');
        if (!object || !attribute) return undefined;
        if (object.type === 'identifier' && object.text === 'self') {
          const held = this.heldBySelf(object, attribute.text, depth, scope);
          if (held !== undefined) return held;
        }
        const base = this.qualifiedName(object, depth + 1, scope);
        return base === undefined ? undefined : `${base}.${attribute.text}`;
      }
      case 'call': {
        const callee = expression.childForFieldName('function');
        const base = callee && this.qualifiedName(callee, depth + 1, scope);
        return base === undefined ? undefined : `${base}()`;
      }
      case 'parenthesized_expression': {
        const inner = namedChildren(expression)[0];
        return inner ? this.qualifiedName(inner, depth + 1, scope) : undefined;
      }
      case 'await': {
        // `await session.get(u)` as a value: what the awaited call gives back, written like a call result.
        const inner = namedChildren(expression)[0];
        return inner ? this.qualifiedName(inner, depth + 1, scope) : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * `self.session` in a method: what the class gives the attribute (instanceAttributes.ts), as the
   * qualified name of that value or `<class>()` for an annotated class. Only the conventional `self`
   * is looked at: the question is asked for every attribute of every call.
   */
  private heldBySelf(receiver: SyntaxNode, name: string, depth: number, scope?: SyntaxNode): string | undefined {
    if (!this.writtenAttributes().has(name)) return undefined;
    // The caller's scope is usually the method itself: no climb (no climb through parents).
    let classNode = scope?.type === 'function_definition' ? receiverClass(receiver, scope) : undefined;
    for (let current = classNode ? null : receiver.parent; current && !classNode; current = current.parent) {
      if (current.type === 'function_definition') classNode = receiverClass(receiver, current);
      else if (current.type === 'class_definition' || current.type === 'module') break;
    }
    if (!classNode) return undefined;
    // The answer depends on the class and the name only: remembered for the other uses in the module.
    const key = `${classNode.id}.${name}`;
    if (this.heldAnswers.has(key)) return this.heldAnswers.get(key);
    const source = instanceAttribute(classNode, name, annotatedClass);
    let answer: string | undefined;
    if (source?.kind === 'value') answer = this.qualifiedName(source.value, depth + 1);
    else if (source) {
      const type = this.qualifiedName(source.type, depth + 1);
      answer = type === undefined ? undefined : `${type}()`;
    }
    this.heldAnswers.set(key, answer);
    return answer;
  }

  /**
   * A superset of the attribute names a class of this module may give a value (`self.x = ...`,
   * `self.x: T`, an indented `x = ...` / `x: T`), from one scan of the text: most `self.<name>`
   * questions are about methods, and are answered without looking for the class.
   */
  private writtenAttributes(): Set<string> {
    if (!this.attributeNames) {
      this.attributeNames = new Set();
      for (const match of this.root.text.matchAll(WRITTEN_ATTRIBUTE)) this.attributeNames.add(match[1] ?? match[2]);
    }
    return this.attributeNames;
  }

  /** The qualified name of a dotted name (`t.sleep`) written in the scope node `scope`: what `qualifiedName` gives for it, from its text. */
  qualifiedNameOfDotted(text: string, scope: SyntaxNode): string | undefined {
    const dot = text.indexOf('.');
    const first = dot === -1 ? text : text.slice(0, dot);
    const base = this.qualifiedNameOfBinding(first, this.lookupFrom(first, scope), 0);
    return base === undefined || dot === -1 ? base : base + text.slice(dot);
  }

  /** The qualified name of a call's callee (`time.sleep` for `t.sleep(1)`), or undefined. `scope` as for `qualifiedName`. */
  calleeName(call: SyntaxNode, scope?: SyntaxNode): string | undefined {
    const callee = call.childForFieldName('function');
    return callee ? this.qualifiedName(callee, 0, scope) : undefined;
  }

  /** What `name` means where `at` is; undefined when nothing binds it (a builtin, or a star import). */
  lookup(name: string, at: SyntaxNode): Binding | undefined {
    const scopeNode = enclosingScope(at);
    return scopeNode ? this.lookupFrom(name, scopeNode) : undefined;
  }

  /** What `name` means in the scope node `scopeNode` (a module, def, lambda, class or comprehension node), as `lookup` answers it for a node in that scope. */
  lookupFrom(name: string, start: SyntaxNode): Binding | undefined {
    let scopeNode: SyntaxNode | null = start;
    let skipClasses = false;
    while (scopeNode) {
      const scope = this.scopeOf(scopeNode);
      if (scope.global.has(name)) return this.scopeOf(this.root).bindings.get(name);
      const skipped = skipClasses && scopeNode.type === 'class_definition';
      if (!skipped && !scope.nonlocal.has(name)) {
        const binding = scope.bindings.get(name);
        if (binding) return binding;
      }
      // After the innermost scope, class bodies are invisible (methods do not see class attributes).
      skipClasses = true;
      if (scope.outer === undefined) scope.outer = scopeNode.type === 'module' ? null : enclosingScope(scopeNode.parent ?? scopeNode);
      scopeNode = scope.outer;
    }
    return undefined;
  }

  /** The function or class definition an expression names in this module (a callee's `def`), if any. */
  definitionOf(expression: SyntaxNode, depth = 0): SyntaxNode | undefined {
    // `x = x` (valid in a class body or at module level) would send the lookup round forever.
    if (expression.type !== 'identifier' || depth > 20) return undefined;
    const binding = this.lookup(expression.text, expression);
    if (binding?.kind === 'function' || binding?.kind === 'class') return binding.node;
    if (binding?.kind === 'value' && !binding.call) return this.definitionOf(binding.value, depth + 1);
    return undefined;
  }

  /** Makes `from ..x import y`'s module absolute; undefined when it climbs above the top package. */
  absoluteModule(level: number, relative: string): string | undefined {
    if (level === 0) return relative;
    const parts = this.moduleName.split('.');
    // `from . import x` in pkg/mod.py is pkg; in pkg/__init__.py it is pkg itself.
    const keep = parts.length - level + (this.isPackage ? 1 : 0);
    if (keep < 0 || (keep === 0 && !relative)) return undefined;
    return [...parts.slice(0, keep), ...(relative ? [relative] : [])].join('.');
  }

  private qualifiedNameOfBinding(name: string, binding: Binding | undefined, depth: number): string | undefined {
    if (!binding) return `builtins.${name}`;
    switch (binding.kind) {
      case 'module':
        return binding.name;
      case 'imported':
        return `${binding.module}.${binding.name}`;
      case 'function':
      case 'class':
        return this.qualifiedNameOfDefinition(binding.node);
      case 'value':
        return this.qualifiedName(binding.value, depth + 1);
      case 'instance': {
        const type = this.qualifiedName(binding.type, depth + 1);
        return type === undefined ? undefined : `${type}()`;
      }
      case 'local':
        return undefined;
    }
  }

  /** `mod.f` for a module-level def, `mod.K.m` for a method of a module-level class; nested functions have none. */
  qualifiedNameOfDefinition(definition: SyntaxNode): string | undefined {
    const names: string[] = [];
    for (let node: SyntaxNode | null = definition; node && node.type !== 'module'; node = node.parent) {
      if (node.type === 'function_definition' || node.type === 'class_definition') {
        const name = node.childForFieldName('name')?.text;
        if (!name) return undefined;
        if (node.id !== definition.id && node.type === 'function_definition') return undefined;
        names.unshift(name);
      } else if (!['block', 'decorated_definition'].includes(node.type)) {
        return undefined; // defined under an `if`, a `try`, ...: still module level in Python, but conditional
      }
    }
    return [this.moduleName, ...names].filter(Boolean).join('.');
  }

  /**
   * After one statement was re-parsed alone: the predecessor's scopes, except the scope around the
   * statement (collected again: the statement may bind names in it) and the scopes that were inside
   * the old statement (gone), with the scopes inside the new statement. Every other scope's node and
   * binding nodes are the same objects in both trees. Undefined when there is nothing to take over.
   */
  private takeOverScopes(): Map<number, Scope> | undefined {
    const replaced = this.replaced;
    const old = this.predecessor?.collectedScopes();
    if (!replaced || !old || this.predecessor!.root !== this.root) return undefined;
    const around = enclosingScope(replaced.after);
    if (!around) return undefined;
    const scopes = new Map(old);
    for (const node of replaced.before.descendantsOfType([...SCOPE_TYPES])) scopes.delete(node.id);
    scopes.set(around.id, { ...collectScope(around, this), outer: old.get(around.id)?.outer });
    for (const [id, scope] of collectScopesWithin(replaced.after, around, this)) scopes.set(id, scope);
    return scopes;
  }

  /** Every scope of the module by scope node id, collected now if not yet (what `bindingChanges` compares). */
  allScopes(): ReadonlyMap<number, Scope> {
    this.scopeOf(this.root);
    return this.scopes;
  }

  /** The scopes, when they were collected (a table whose tree has since been edited in place cannot collect them any more). */
  collectedScopes(): ReadonlyMap<number, Scope> | undefined {
    return this.collected ? this.scopes : undefined;
  }

  private scopeOf(node: SyntaxNode): Scope {
    if (!this.collected) {
      // All scopes in one pass over the tree; a scope asked later (there should be none) is collected alone.
      this.collected = true;
      for (const [id, collected] of this.takeOverScopes() ?? collectAllScopes(this.root, this)) this.scopes.set(id, collected);
      this.predecessor = undefined;
    }
    let scope = this.scopes.get(node.id);
    if (!scope) {
      scope = collectScope(node, this);
      this.scopes.set(node.id, scope);
    }
    return scope;
  }
}

/**
 * The names whose meaning may differ between the name tables of a file before and after an edit:
 * in each scope both have (the same scope node, its `counterpartOf` when the edit made it anew, and
 * the module), a name bound differently (another kind, another node, another module), bound on one
 * side only, or declared `global`/`nonlocal` on one side only. Scopes of one side only are not
 * compared: a caller taking over what it knew of code checks that every scope around it is old or
 * has a counterpart.
 * Undefined when `before` never collected its scopes.
 */
export function bindingChanges(before: ModuleNames, after: ModuleNames, counterpartOf: (scopeNode: SyntaxNode) => SyntaxNode | undefined): NameChanges | undefined {
  const old = before.collectedScopes();
  if (!old) return undefined;
  const changed = new NameChanges();
  const compare = (a: Scope, b: Scope) => {
    const add = (name: string) => changed.add(name, b.node);
    for (const [name, binding] of a.bindings) if (!sameBinding(binding, b.bindings.get(name))) add(name);
    for (const name of b.bindings.keys()) if (!a.bindings.has(name)) add(name);
    for (const [x, y] of [[a.global, b.global], [a.nonlocal, b.nonlocal], [b.global, a.global], [b.nonlocal, a.nonlocal]]) for (const name of x) if (!y.has(name)) add(name);
  };
  const oldModule = old.get(before.root.id);
  if (!oldModule) return undefined;
  for (const scope of after.allScopes().values()) {
    const counterpart = scope.node === after.root ? oldModule : old.get((counterpartOf(scope.node) ?? scope.node).id);
    // A scope taken over after a statement edit (takeOverScopes) is the same object: nothing to compare.
    if (counterpart && counterpart !== scope) compare(counterpart, scope);
  }
  return changed;
}

/**
 * Names whose meaning an edit may have changed, each with the scope nodes (of the new tree) where it
 * did: code in such a scope or nested in it that is written with the name may mean something else.
 */
export class NameChanges {
  private readonly scopes = new Map<string, SyntaxNode[]>();

  get size(): number {
    return this.scopes.size;
  }

  add(name: string, scope: SyntaxNode): boolean {
    const list = this.scopes.get(name);
    if (!list) this.scopes.set(name, [scope]);
    else if (list.includes(scope)) return false;
    else list.push(scope);
    return true;
  }

  /** Whether `text`, written in the scope node `scope`, names a name changed in that scope or one around it (as a whole word: in a string or a comment it counts too, which only costs more work). */
  reach(text: string, scope: SyntaxNode): boolean {
    for (const [name, scopes] of this.scopes) {
      if (!containsWord(text, name)) continue;
      for (const changedIn of scopes) if (changedIn.startIndex <= scope.startIndex && scope.endIndex <= changedIn.endIndex) return true;
    }
    return false;
  }

  /** Whether `text` names any changed name, wherever it changed. */
  mentioned(text: string): boolean {
    for (const name of this.scopes.keys()) if (containsWord(text, name)) return true;
    return false;
  }
}

/** Whether `word` occurs in `text` not preceded or followed by an identifier character (`load_1` is not in `load_10`). */
function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!isIdentifierCharacter(text.charCodeAt(at - 1)) && !isIdentifierCharacter(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

function isIdentifierCharacter(code: number): boolean {
  // NaN (out of the text) is none; any non-ASCII character may be one (Python identifiers are Unicode): counted as one.
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

/** Each binding of the table whose value or annotation is written with other names (what the name means follows theirs), with its scope node. */
export function bindingDependents(names: ModuleNames): { name: string; text: string; scope: SyntaxNode }[] {
  const found: { name: string; text: string; scope: SyntaxNode }[] = [];
  for (const scope of names.allScopes().values()) {
    for (const [name, binding] of scope.bindings) {
      if (binding.kind === 'value') found.push({ name, text: binding.value.text, scope: scope.node });
      else if (binding.kind === 'instance') found.push({ name, text: binding.type.text, scope: scope.node });
    }
  }
  return found;
}

function sameBinding(a: Binding, b: Binding | undefined): boolean {
  if (!b || a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'module':
      return a.name === (b as typeof a).name;
    case 'imported':
      return a.module === (b as typeof a).module && a.name === (b as typeof a).name;
    case 'function':
    case 'class':
      return a.node === (b as typeof a).node;
    case 'value':
      return a.value === (b as typeof a).value && a.call === (b as typeof a).call;
    case 'instance':
      return a.type === (b as typeof a).type;
    case 'local':
      return true;
  }
}

/** The innermost scope node containing `node` (a def's name and decorators belong to the enclosing scope). */
export function enclosingScope(node: SyntaxNode): SyntaxNode | null {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (!SCOPE_TYPES.has(current.type)) continue;
    if (current.type === 'function_definition' || current.type === 'class_definition') {
      // The name, decorators, default values and annotations are evaluated in the enclosing scope.
      const body = current.childForFieldName('body');
      const parameters = current.childForFieldName('parameters');
      if (body && child.id === body.id) return current;
      if (current.type === 'function_definition' && parameters && child.id === parameters.id && isParameterName(node, parameters)) return current;
      continue;
    }
    if (current.type === 'lambda') {
      if (child.id === current.childForFieldName('body')?.id || child.id === current.childForFieldName('parameters')?.id) return current;
      continue;
    }
    return current;
  }
  return child.type === 'module' ? child : null;
}

function isParameterName(node: SyntaxNode, parameters: SyntaxNode): boolean {
  // Inside the parameter list only the names are the function's; defaults and annotations are not.
  for (let current: SyntaxNode | null = node; current && current.id !== parameters.id; current = current.parent) {
    const parent = current.parent;
    if (!parent) return false;
    const value = parent.childForFieldName('value');
    const type = parent.childForFieldName('type');
    if ((value && value.id === current.id) || (type && type.id === current.id)) return false;
  }
  return true;
}

/** A scope's bindings under construction: `bind`, and `handle` for each binding node found in it. Parameters (and a comprehension's loop variables) are bound already. */
function scopeBinder(scopeNode: SyntaxNode, names: ModuleNames) {
  const scope: Scope = { node: scopeNode, bindings: new Map(), global: new Set(), nonlocal: new Set() };
  const counts = new Map<string, number>();
  const bind = (name: string, binding: Binding) => {
    counts.set(name, (counts.get(name) ?? 0) + 1);
    scope.bindings.set(name, (counts.get(name) ?? 0) > 1 && binding.kind === 'value' ? { kind: 'local' } : binding);
  };
  const bindTarget = (target: SyntaxNode | null, value?: SyntaxNode) => {
    if (!target) return;
    if (target.type === 'identifier') {
      if (!value) return bind(target.text, { kind: 'local' });
      const call = value.type === 'call';
      return bind(target.text, { kind: 'value', value, call });
    }
    if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern', 'as_pattern_target'].includes(target.type)) {
      const single = target.type === 'parenthesized_expression' || target.type === 'as_pattern_target' ? namedChildren(target)[0] : undefined;
      if (single && namedChildren(target).length === 1) return bindTarget(single, value);
      for (const child of namedChildren(target)) bindTarget(child);
    }
  };

  if (FUNCTION_SCOPES.has(scopeNode.type)) {
    const parameters = scopeNode.childForFieldName('parameters');
    for (const parameter of parameters ? namedChildren(parameters) : []) {
      const name = parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? namedChildren(parameter).find((child) => child.type === 'identifier'));
      if (name?.type !== 'identifier') continue;
      const annotated = parameter.type === 'typed_parameter' || parameter.type === 'typed_default_parameter' ? annotatedClass(parameter.childForFieldName('type')) : undefined;
      bind(name.text, annotated ? { kind: 'instance', type: annotated } : { kind: 'local' });
    }
  }

  /** One node that may bind names: records its bindings; true when its children are to be walked too. */
  const handle = (node: SyntaxNode): boolean => {
    switch (node.type) {
      case 'function_definition':
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) bind(name.text, { kind: node.type === 'class_definition' ? 'class' : 'function', node });
        // Decorators, defaults and superclasses are evaluated here; nothing in them binds a name we track.
        return false;
      }
      case 'import_statement':
        for (const imported of fieldChildren(node, 'name')) {
          if (imported.type === 'aliased_import') {
            const alias = imported.childForFieldName('alias');
            const dotted = imported.childForFieldName('name');
            if (alias && dotted) bind(alias.text, { kind: 'module', name: dotted.text });
          } else {
            const first = imported.text.split('.')[0];
            bind(first, { kind: 'module', name: first });
          }
        }
        return false;
      case 'import_from_statement': {
        const moduleNode = node.childForFieldName('module_name');
        const from = moduleNode ? importedModule(moduleNode, names) : undefined;
        for (const imported of fieldChildren(node, 'name')) {
          const dotted = imported.type === 'aliased_import' ? imported.childForFieldName('name') : imported;
          const alias = imported.type === 'aliased_import' ? imported.childForFieldName('alias') : imported;
          if (!dotted || !alias) continue;
          bind(alias.text, from === undefined ? { kind: 'local' } : { kind: 'imported', module: from, name: dotted.text });
        }
        return false;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        for (const name of namedChildren(node)) if (name.type === 'identifier') (node.type === 'global_statement' ? scope.global : scope.nonlocal).add(name.text);
        return false;
      case 'assignment': {
        const right = node.childForFieldName('right');
        const left = node.childForFieldName('left');
        // `client: httpx.Client = ...` (or no value): an instance of the annotated class, as for a parameter.
        const annotated = left?.type === 'identifier' && (!right || right.type === 'ellipsis') ? annotatedClass(node.childForFieldName('type')) : undefined;
        if (annotated && left) {
          bind(left.text, { kind: 'instance', type: annotated });
          return true;
        }
        // `a = b = f()`: the right side is itself an assignment; every target is bound to its value (the walk reaches the inner one next).
        bindTarget(left, right?.type === 'assignment' ? innermostValue(right) : (right ?? undefined));
        return true;
      }
      case 'augmented_assignment':
        bindTarget(node.childForFieldName('left'));
        return false;
      case 'named_expression':
        bindTarget(node.childForFieldName('name'));
        return true;
      case 'for_statement':
        bindTarget(node.childForFieldName('left'));
        return true;
      case 'as_pattern': {
        // `with X as y` binds y to X's value; `except E as e` binds e to an exception instance.
        const alias = node.childForFieldName('alias');
        const value = namedChildren(node)[0];
        const inWith = node.parent?.type === 'with_item';
        bindTarget(alias, inWith && value ? value : undefined);
        return true;
      }
      default:
        // lambda, comprehensions (scopes of their own), delete statements.
        return false;
    }
  };

  /**
   * The binding nodes of a scope's body in document order: a walk that does not enter nested scopes
   * nor the nodes `handle` does not enter (so a class's scope costs its statements, not its methods).
   */
  const walkBody = (body: SyntaxNode) => {
    const stack: SyntaxNode[] = [];
    for (let i = body.children.length - 1; i >= 0; i--) stack.push(body.children[i]);
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.isNamed && BINDING_NODE_TYPES.has(node.type) && !handle(node)) continue;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  };

  if (COMPREHENSIONS.has(scopeNode.type)) {
    for (const clause of namedChildren(scopeNode)) if (clause.type === 'for_in_clause') bindTarget(clause.childForFieldName('left'));
  }
  return { scope, bind, handle, walkBody };
}

/** One scope's bindings, walking only its own body. */
function collectScope(scopeNode: SyntaxNode, names: ModuleNames): Scope {
  const binder = scopeBinder(scopeNode, names);
  if (!COMPREHENSIONS.has(scopeNode.type)) {
    const body = scopeNode.type === 'module' ? scopeNode : scopeNode.childForFieldName('body');
    if (body) binder.walkBody(body);
  }
  return binder.scope;
}

/**
 * Every scope of a module at once, from one `descendantsOfType` over the whole tree: each binding
 * node goes to the innermost scope whose range holds it (a def's or class's body, a lambda's
 * parameters and body, a whole comprehension), as `collectScope` would find it in that scope.
 */
function collectAllScopes(root: SyntaxNode, names: ModuleNames): Map<number, Scope> {
  const moduleBinder = scopeBinder(root, names);
  // The module's node walk is shared with the call summaries and the rules (treeNodes.ts).
  const nodes = root.type === 'module' ? namedNodesOfTypes(root.tree, BINDING_NODES) : root.descendantsOfType(BINDING_NODES);
  const scopes = collectNestedScopes(nodes, moduleBinder, names);
  scopes.set(root.id, moduleBinder.scope);
  return scopes;
}

/** The scopes inside a statement (its own, when it is a def or class, and those nested in it), `around` being the scope it is in. */
function collectScopesWithin(statement: SyntaxNode, around: SyntaxNode, names: ModuleNames): Map<number, Scope> {
  // The statement's bindings in `around` are collected with `around`: this binder's are dropped.
  const aroundBinder = scopeBinder(around, names);
  return collectNestedScopes(statement.descendantsOfType(BINDING_NODES), aroundBinder, names);
}

/**
 * The scopes opened by `nodes` (binding nodes in document order, as from one `descendantsOfType`):
 * each binding node goes to the innermost scope whose range holds it (a def's or class's body, a
 * lambda's parameters and body, a whole comprehension), as `collectScope` would find it in that
 * scope; nodes in no nested scope go to `outerBinder`.
 */
function collectNestedScopes(nodes: readonly SyntaxNode[], outerBinder: ReturnType<typeof scopeBinder>, names: ModuleNames): Map<number, Scope> {
  const scopes = new Map<number, Scope>();
  const stack: { end: number; scopeStart: number; scopeEnd: number; binder: ReturnType<typeof scopeBinder>; comprehension: boolean }[] = [];
  let skipEnd = -1;
  for (const node of nodes) {
    if (!node?.isNamed) continue;
    const start = node.startIndex;
    const end = node.endIndex;
    while (stack.length > 0 && stack[stack.length - 1].end <= start) stack.pop();
    if (start < skipEnd) continue;
    let binder = outerBinder;
    let inComprehension = false;
    for (let i = stack.length - 1; i >= 0; i--) {
      const container = stack[i];
      if (start >= container.scopeStart && end <= container.scopeEnd) {
        binder = container.binder;
        inComprehension = container.comprehension;
        break;
      }
    }
    const type = node.type;
    if (SCOPE_TYPES.has(type)) {
      if (!inComprehension && (type === 'function_definition' || type === 'class_definition')) binder.handle(node);
      const own = scopeBinder(node, names);
      own.scope.outer = binder.scope.node;
      scopes.set(node.id, own.scope);
      let scopeStart = start;
      let scopeEnd = end;
      if (type !== 'lambda' && !COMPREHENSIONS.has(type)) {
        const body = node.childForFieldName('body');
        scopeStart = body?.startIndex ?? end;
        scopeEnd = body?.endIndex ?? end;
      } else if (type === 'lambda') {
        scopeStart = node.childForFieldName('parameters')?.startIndex ?? node.childForFieldName('body')?.startIndex ?? end;
      }
      stack.push({ end, scopeStart, scopeEnd, binder: own, comprehension: COMPREHENSIONS.has(type) });
      continue;
    }
    // A comprehension's scope holds only its loop variables (as collectScope has it).
    if (inComprehension) continue;
    if (!binder.handle(node)) skipEnd = end;
  }
  return scopes;
}

/**
 * The class a parameter annotation names: `Path`, `httpx.Client`, `Optional[Client]`, `Client | None`;
 * undefined for anything else (a string, a generic, a union of two classes).
 */
function annotatedClass(type: SyntaxNode | null): SyntaxNode | undefined {
  let node = type?.type === 'type' ? namedChildren(type)[0] : (type ?? undefined);
  for (let depth = 0; node && depth < 4; depth++) {
    if (node.type === 'identifier' || node.type === 'attribute') return node;
    if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '|') {
      const sides = [node.childForFieldName('left'), node.childForFieldName('right')].filter((side): side is SyntaxNode => !!side && side.type !== 'none');
      node = sides.length === 1 ? sides[0] : undefined;
    } else if (node.type === 'subscript' && /^(?:typing\.)?(?:Optional|Union)$/.test(node.childForFieldName('value')?.text ?? '')) {
      node = soleNonNone(fieldChildren(node, 'subscript'));
    } else if (node.type === 'generic_type' && /^(?:typing\.)?(?:Optional|Union)$/.test(namedChildren(node)[0]?.text ?? '')) {
      // `Optional[X]` / `Union[X, None]` in an annotation: (generic_type Optional (type_parameter (type X) (type (none))))
      const parameter = namedChildren(node).find((child) => child.type === 'type_parameter');
      node = parameter ? soleNonNone(namedChildren(parameter)) : undefined;
    } else if (node.type === 'type') {
      node = namedChildren(node)[0];
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The one member of `Union[...]` that is not `None` (`Union[X, None]` is `Optional[X]`); undefined for a union of two classes. */
function soleNonNone(members: SyntaxNode[]): SyntaxNode | undefined {
  const classes = members.filter((member) => member.type !== 'none' && !(member.type === 'type' && namedChildren(member)[0]?.type === 'none'));
  return classes.length === 1 ? classes[0] : undefined;
}

function innermostValue(assignment: SyntaxNode): SyntaxNode | undefined {
  let right = assignment.childForFieldName('right');
  while (right?.type === 'assignment') right = right.childForFieldName('right');
  return right ?? undefined;
}

/** The absolute module of `from <module_name> import ...`, or undefined when a relative import climbs too far. */
export function importedModule(moduleNode: SyntaxNode, names: ModuleNames): string | undefined {
  if (moduleNode.type !== 'relative_import') return moduleNode.text;
  const prefix = namedChildren(moduleNode).find((child) => child.type === 'import_prefix')?.text ?? '';
  const dotted = namedChildren(moduleNode).find((child) => child.type === 'dotted_name')?.text ?? '';
  return names.absoluteModule(prefix.length, dotted);
}
