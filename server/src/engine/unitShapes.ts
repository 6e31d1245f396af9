// What other units of a file can observe of a unit through the type checker: its "outward shape"
// (the per-unit findings cache in engine.ts keys each unit on the shapes of the units it depends
// on, instead of emptying the cache whenever the file's text changes).
//
// In a TypeScript file, a unit's shape is its tokens (no comments, no whitespace), with the body of
// every function whose return type is declared left out: such a body changes no type, symbol or
// signature the checker gives outside itself (its type is the declared one; `var`s and `this.x =`
// declare nothing outside it in TypeScript). Kept: constructor bodies (with noImplicitAny, `this.x =`
// there types an undeclared property), and the bodies of functions whose return type is inferred.
// A top-level expression statement that is not an assignment (`app.get('/', async () => {...})`)
// declares nothing: every function body in it is left out.
//
// A unit depends on (its cache key holds the shapes of):
// - the units declaring a name it uses anywhere in its text (an identifier, a property name), and,
//   transitively, those declaring a name used in the shape of each unit reached;
// - a top-level class it names, or whose `this` it uses other than as `this.name`: the class's
//   shell (name, decorators, heritage, type parameters) and the shapes of all its members;
// - for a member, its class's shell;
// - the "file-wide" units: top-level statements that declare no name and may change types
//   (`declare global`, `export =`, side-effect imports, assignments; not an expression statement
//   without an assignment) and namespaces or modules, whose shapes are in every key.
// Imports are shapes by their text (tokens): a changed import line changes the units using its names.
// In a JavaScript file, types come from the code itself (`this.x =` in any method, `module.exports`,
// JSDoc comments): the shape is not used there and any change to the text empties the cache.
import { createHash } from 'node:crypto';
import { ts } from './compiler';

/** A unit of the file: a top-level statement or class member ('cached'), or a class shell / the end of the file ('always'). */
export interface ShapeUnit {
  kind: 'cached' | 'always';
  node: ts.Node;
  /** For a class shell: the class's name, decorators, modifiers, heritage, type parameters. */
  children?: ts.Node[];
}

/** In a JavaScript file, a type annotation is an error the checker may still use, and code declares types: no shapes there. */
export function isTypeScriptFile(sourceFile: ts.SourceFile): boolean {
  return !/\.[cm]?jsx?$/i.test(sourceFile.fileName);
}

const digest = (text: string): string => createHash('sha1').update(text).digest('base64').slice(0, 16);

/** What `shapeDependencies` finds. */
export interface ShapeDependencies {
  /** For each cached unit (by index): the digests of the shapes it depends on besides its own text and recorded reads. */
  keys: Map<number, string>;
  /** For each top-level class (by the index of its shell): the digest of its shell and all its members' shapes. */
  classes: Map<number, string>;
}

/** One shape other units can reach by name: a unit's, one imported name's, or a whole class's. */
interface Shape {
  digest: string;
  /** Names used in it: the next steps from it. */
  names: Set<string>;
}

/**
 * What each cached unit's findings may depend on in the rest of the file besides its own text and
 * its recorded reads (see the head comment). Call for TypeScript files only (see isTypeScriptFile).
 */
export function shapeDependencies(sourceFile: ts.SourceFile, units: readonly ShapeUnit[], memo?: ShapeMemo): ShapeDependencies {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, sourceFile.languageVariant, sourceFile.text);
  /** Names used anywhere in each unit (the first step from a unit). */
  const usedInText: Set<string>[] = [];
  const declaring = new Map<string, Shape[]>();
  const declare = (name: string, shape: Shape): void => {
    const list = declaring.get(name);
    if (list) list.push(shape);
    else declaring.set(name, [shape]);
  };
  /** Each class shell's own shape and its members' shapes. */
  const classParts = new Map<number, { shell: string; members: string[]; names: Set<string>; whole: Shape }>();
  /** For each member (by index), its class shell's index. */
  const shellOf = new Map<number, number>();
  const fileWide: string[] = [];
  let shell = -1;
  units.forEach((unit, index) => {
    usedInText[index] = new Set();
    if (unit.kind === 'always') {
      if (!ts.isClassDeclaration(unit.node)) return;
      shell = index;
      const names = new Set<string>();
      for (const child of unit.children ?? []) collectNames(child, names);
      const whole: Shape = { digest: '', names };
      classParts.set(index, { shell: (unit.children ?? []).map((child) => tokens(scanner, sourceFile, child, [])).join(' '), members: [], names, whole });
      if (unit.node.name) declare(unit.node.name.text, whole);
      return;
    }
    const node = unit.node;
    const member = ts.isClassElement(node) && !!node.parent && ts.isClassDeclaration(node.parent) && node.parent.parent === sourceFile;
    const facts = memo ? memo.factsOf(sourceFile, node, member, () => unitFacts(scanner, sourceFile, node)) : unitFacts(scanner, sourceFile, node);
    usedInText[index] = facts.usedInText;
    if (facts.imported) {
      // One shape per imported name: another name added to the line changes no user of this one.
      for (const [name, binding] of facts.imported) declare(name, { digest: digest(binding), names: new Set() });
      return;
    }
    const shape: Shape = { digest: facts.digest, names: facts.names };
    if (member) {
      shellOf.set(index, shell);
      const parts = classParts.get(shell)!;
      parts.members.push(facts.text);
      for (const name of shape.names) parts.names.add(name);
    }
    for (const name of facts.declared) declare(name, shape);
    if (!member && ((facts.declared.length === 0 && mayChangeTypes(node)) || ts.isModuleDeclaration(node))) fileWide.push(shape.digest);
  });
  const classes = new Map<number, string>();
  for (const [index, parts] of classParts) {
    parts.whole.digest = digest([parts.shell, ...parts.members].join('\u0001'));
    classes.set(index, parts.whole.digest);
  }
  const common = fileWide.join(',');
  const keys = new Map<number, string>();
  const reachable = reachableShapes(declaring);
  units.forEach((unit, index) => {
    if (unit.kind !== 'cached') return;
    const classIndex = shellOf.get(index);
    const ownShell = classIndex === undefined ? '' : digest(classParts.get(classIndex)!.shell);
    // As a set: the order units were reached in does not matter.
    keys.set(index, `${common}|${ownShell}|${reachable(usedInText[index]).join(',')}`);
  });
  return { keys, classes };
}

/**
 * The shapes reachable from a set of names: the shapes declaring them, then those declaring a name
 * used in each shape reached, transitively; as their digests, sorted. Each shape's closure is
 * computed once for the file (bitsets over the shapes, to a fixpoint), instead of a walk per unit:
 * on a 5,000-line class the per-unit walks took ~25 ms of every edit.
 */
function reachableShapes(declaring: Map<string, Shape[]>): (names: Set<string>) => string[] {
  const shapes = [...new Set([...declaring.values()].flat())].sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  const indexOf = new Map(shapes.map((shape, index) => [shape, index]));
  const indexesOf = (names: Set<string>): number[] => {
    const found = new Set<number>();
    for (const name of names) for (const shape of declaring.get(name) ?? []) found.add(indexOf.get(shape)!);
    return [...found];
  };
  const words = (shapes.length + 31) >>> 5;
  const closure = shapes.map((_, index) => {
    const bits = new Int32Array(words);
    bits[index >>> 5] |= 1 << (index & 31);
    return bits;
  });
  const next = shapes.map((shape) => indexesOf(shape.names));
  // Closure[s] = {s} ∪ closure of each shape s names; in place, until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (let index = shapes.length - 1; index >= 0; index--) {
      const bits = closure[index];
      for (const target of next[index]) {
        const other = closure[target];
        for (let word = 0; word < words; word++) {
          const merged = bits[word] | other[word];
          if (merged !== bits[word]) {
            bits[word] = merged;
            changed = true;
          }
        }
      }
    }
  }
  return (names) => {
    const bits = new Int32Array(words);
    for (const start of indexesOf(names)) {
      const other = closure[start];
      for (let word = 0; word < words; word++) bits[word] |= other[word];
    }
    const digests: string[] = [];
    for (let index = 0; index < shapes.length; index++) if (bits[index >>> 5] & (1 << (index & 31))) digests.push(shapes[index].digest);
    return digests;
  };
}

/**
 * Whether a top-level statement that declares no name may still change types elsewhere in the
 * file: `declare global`, `export =`, side-effect imports, expando assignments (`fn.x = ...`),
 * blocks holding them. An expression statement with no assignment in it (`void x;`,
 * `app.listen(3000);`, `main().catch(report)` without `=`) changes none, so adding one at the end of
 * a file no longer re-keys every unit.
 */
function mayChangeTypes(node: ts.Node): boolean {
  if (!ts.isExpressionStatement(node)) return true;
  // An explicit stack: generated code nests expressions thousands deep.
  const stack: ts.Node[] = [node.expression];
  const push = (child: ts.Node): void => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const child = stack.pop()!;
    if (ts.isBinaryExpression(child) && child.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && child.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
    ts.forEachChild(child, push);
  }
  return false;
}

/** What a unit shows of itself, which depends on its text alone (so ShapeMemo can keep it while the text is the same). */
interface UnitFacts {
  /** Names used anywhere in the unit. */
  usedInText: Set<string>;
  /** For an import with a clause: each name it binds, with what it binds; its shape is per name. */
  imported?: [string, string][];
  /** The unit's tokens without elided bodies, and their digest. */
  text: string;
  digest: string;
  /** Names used in the shape (outside elided bodies). */
  names: Set<string>;
  /** Names the unit declares. */
  declared: string[];
}

function unitFacts(scanner: ts.Scanner, sourceFile: ts.SourceFile, node: ts.Node): UnitFacts {
  const usedInText = new Set<string>();
  collectNames(node, usedInText);
  if (ts.isImportDeclaration(node) && node.importClause) return { usedInText, imported: importedNames(node), text: '', digest: '', names: new Set(), declared: [] };
  const elided = elidedBodies(node);
  const text = tokens(scanner, sourceFile, node, elided.ranges);
  const names = new Set<string>();
  collectNames(node, names, elided.bodies);
  return { usedInText, text, digest: digest(text), names, declared: declaredNames(node) };
}

/**
 * The facts of a file's units from the last analysis, by the unit's text: an edit re-derives the
 * facts of the units whose text changed only (tokenising a 5,000-line file took ~70 ms per edit).
 * Holds the entries of the last call only, so it stays the size of one file's units.
 */
export class ShapeMemo {
  private previous = new Map<string, UnitFacts>();
  private current = new Map<string, UnitFacts>();
  /** The text of the last call (not its SourceFile, which would keep the old syntax tree alive). */
  private text: string | undefined;

  factsOf(sourceFile: ts.SourceFile, node: ts.Node, member: boolean, compute: () => UnitFacts): UnitFacts {
    if (this.text !== sourceFile.text) {
      // Another text of the file: the last call's entries are what it may reuse.
      this.previous = this.current;
      this.current = new Map();
      this.text = sourceFile.text;
    }
    // The same text parses to the same unit in the same place (a member, a top-level statement) and syntax kind.
    const key = `${node.kind}:${member ? 'm' : 't'}:${sourceFile.text.slice(node.pos, node.end)}`;
    let facts = this.current.get(key) ?? this.previous.get(key);
    if (!facts) facts = compute();
    this.current.set(key, facts);
    return facts;
  }
}

/** Each name an import declaration binds, with what it binds (see importBinding). */
function importedNames(node: ts.ImportDeclaration): [string, string][] {
  const clause = node.importClause!;
  const result: [string, string][] = [];
  if (clause.name) result.push([clause.name.text, importBinding(clause)!]);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) result.push([bindings.name.text, importBinding(bindings)!]);
  else if (bindings) for (const element of bindings.elements) result.push([element.name.text, importBinding(element)!]);
  return result;
}

/**
 * What one name of an import binds, as text: the module, its attributes, type-only or not, the
 * name imported there and the local name. For an import clause (its default name), a namespace
 * import or an import specifier; undefined for other nodes.
 */
export function importBinding(node: ts.Node): string | undefined {
  let clause: ts.ImportClause;
  let what: string;
  let local: string;
  if (ts.isImportSpecifier(node)) {
    clause = node.parent.parent;
    what = `${node.isTypeOnly ? 'type ' : ''}${(node.propertyName ?? node.name).text}`;
    local = node.name.text;
  } else if (ts.isNamespaceImport(node)) {
    clause = node.parent;
    what = '*';
    local = node.name.text;
  } else if (ts.isImportClause(node) && node.name) {
    clause = node;
    what = 'default';
    local = node.name.text;
  } else return undefined;
  const declaration = clause.parent;
  if (!ts.isImportDeclaration(declaration) || !ts.isStringLiteral(declaration.moduleSpecifier)) return undefined;
  return `import\u0000${declaration.moduleSpecifier.text}\u0000${declaration.attributes?.getText() ?? ''}\u0000${clause.isTypeOnly ? 'type' : ''}\u0000${what}\u0000${local}`;
}

/** Every import binding of the file (see importBinding). */
export function importBindings(sourceFile: ts.SourceFile): Set<string> {
  const result = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) for (const [, binding] of importedNames(statement)) result.add(binding);
  }
  return result;
}

/** The names a unit declares: its own name, bound variables, imported names; a constructor declares its class and parameters. */
export function declaredNames(node: ts.Node): string[] {
  const names: string[] = [];
  const addBinding = (name: ts.BindingName | ts.PropertyName | undefined): void => {
    if (!name) return;
    if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) names.push(name.text);
    else if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
      for (const element of name.elements) if (ts.isBindingElement(element)) addBinding(element.name);
    }
  };
  if (ts.isVariableStatement(node)) for (const declaration of node.declarationList.declarations) addBinding(declaration.name);
  else if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) {
    const stack: ts.Node[] = [node];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (ts.isIdentifier(current)) names.push(current.text);
      ts.forEachChild(current, (child) => {
        stack.push(child);
      });
    }
  } else if (ts.isConstructorDeclaration(node)) {
    if (node.parent.name) names.push(node.parent.name.text);
    names.push('constructor');
    for (const parameter of node.parameters) addBinding(parameter.name);
  } else {
    const named = node as { name?: ts.PropertyName };
    if (named.name) addBinding(named.name as ts.PropertyName);
  }
  return names;
}

/** The bodies left out of a unit's shape (see the head comment), as [start, end) ranges in document order. */
function elidedBodies(unit: ts.Node): { ranges: [number, number][]; bodies: Set<ts.Node> } {
  const ranges: [number, number][] = [];
  const bodies = new Set<ts.Node>();
  const everyBody = ts.isExpressionStatement(unit) && !isAssignment(unit.expression);
  // An explicit stack: generated code nests expressions thousands deep (see the engine's walk).
  const stack: ts.Node[] = [unit];
  const push = (child: ts.Node): void => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isFunctionLike(node) && !ts.isConstructorDeclaration(node)) {
      const fn = node as ts.FunctionLikeDeclaration;
      if (fn.body && (everyBody || fn.type || ts.isSetAccessorDeclaration(fn))) {
        // Parameters and type are outside the body: their nested functions are visited.
        for (const parameter of fn.parameters) stack.push(parameter);
        ranges.push([fn.body.getStart(), fn.body.end]);
        bodies.add(fn.body);
        continue;
      }
    }
    ts.forEachChild(node, push);
  }
  return { ranges: ranges.sort((a, b) => a[0] - b[0]), bodies };
}

function isAssignment(expression: ts.Expression): boolean {
  let e = expression;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isBinaryExpression(e) && e.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && e.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

/**
 * Adds the identifiers of `node` outside the `elided` bodies to `names`; returns whether `this` is
 * used as a whole value there (not `this.name`).
 */
function collectNames(node: ts.Node, names: Set<string>, elided?: Set<ts.Node>): boolean {
  let whole = false;
  const stack: ts.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (elided?.has(current)) continue;
    if (ts.isIdentifier(current) || ts.isPrivateIdentifier(current)) names.add(current.text);
    else if (current.kind === ts.SyntaxKind.ThisKeyword && !(ts.isPropertyAccessExpression(current.parent) && current.parent.expression === current)) whole = true;
    ts.forEachChild(current, (child) => {
      stack.push(child);
    });
  }
  return whole;
}

/** The tokens of `node`'s text (no comments or whitespace), each elided range as `{}`. */
function tokens(scanner: ts.Scanner, sourceFile: ts.SourceFile, node: ts.Node, elided: [number, number][]): string {
  const out: string[] = [];
  const end = node.end;
  let next = 0;
  /** Open `${` of template literals (true) and braces (false): a `}` closing a `${` continues the template. */
  const braces: boolean[] = [];
  scanner.resetTokenState(node.getStart(sourceFile));
  for (;;) {
    let token = scanner.scan();
    const start = scanner.getTokenStart();
    if (token === ts.SyntaxKind.EndOfFileToken || start >= end) break;
    while (next < elided.length && elided[next][1] <= start) next++;
    if (next < elided.length && start >= elided[next][0]) {
      out.push('{}');
      scanner.resetTokenState(elided[next][1]);
      next++;
      continue;
    }
    if (token === ts.SyntaxKind.CloseBraceToken && braces.length > 0 && braces[braces.length - 1]) {
      token = scanner.reScanTemplateToken(false);
      if (token === ts.SyntaxKind.TemplateTail) braces.pop();
    } else if (token === ts.SyntaxKind.TemplateHead) braces.push(true);
    else if (token === ts.SyntaxKind.OpenBraceToken) braces.push(false);
    else if (token === ts.SyntaxKind.CloseBraceToken) braces.pop();
    out.push(scanner.getTokenText());
  }
  return out.join(' ');
}
