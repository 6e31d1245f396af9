// Resolves what a call really calls, by symbol, not by name: `fs.readFileSync`, a named or
// renamed import, `require` with destructuring, `node:` prefixes and re-exports all lead to the
// same API. A user's own `readFileSync` resolves to the user's declaration and is never Node's.
import { ts } from '../compiler';
import { resolveAlias } from './aliases';
import { skipParenthesesDown } from './functions';

/** An API as our catalogue names it: module without `node:` (except node:sqlite), dotted name. */
export interface ApiRef {
  module: string;
  name: string;
}

const KEEP_NODE_PREFIX = new Set(['node:sqlite']);

export function normalizeModuleName(specifier: string): string {
  if (KEEP_NODE_PREFIX.has(specifier)) return specifier;
  return specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
}

export class ApiResolver {
  private readonly cache = new Map<ts.Node, ApiRef | null>();
  /**
   * `projectApi`: project functions that count as APIs (loopguard.json's `blocking.extra` may
   * name one); every other project function resolves to nothing, as it is not an API.
   */
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly projectApi?: (fileName: string, name: string) => ApiRef | undefined,
  ) {}

  /** The API a call or `new` expression invokes, if it is declared by Node, a lib or a package. */
  resolveCall(call: ts.CallExpression | ts.NewExpression): ApiRef | undefined {
    let cached = this.cache.get(call);
    if (cached === undefined) {
      cached = this.resolveCallee(skipParenthesesDown(call.expression)) ?? null;
      this.cache.set(call, cached);
    }
    return cached ?? undefined;
  }

  resolveCallee(callee: ts.Expression, depth = 0): ApiRef | undefined {
    return this.resolveBySymbol(callee, depth) ?? this.resolveByImport(callee);
  }

  /** Typed route: the declaration of the callee's symbol lives in a `declare module`, a lib or a package. */
  private resolveBySymbol(callee: ts.Expression, depth: number): ApiRef | undefined {
    const location = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    const symbol = this.checker.getSymbolAtLocation(location);
    return symbol ? this.resolveSymbol(symbol, depth) : undefined;
  }

  private resolveSymbol(found: ts.Symbol, depth: number): ApiRef | undefined {
    let symbol = found;
    symbol = resolveAlias(this.checker, symbol);
    const declaration = symbol.declarations?.[0];
    if (!declaration) return undefined;
    const sourceFile = declaration.getSourceFile();
    if (!sourceFile.isDeclarationFile && !isInNodeModules(sourceFile.fileName)) {
      return this.resolveConstAlias(declaration, depth) ?? this.projectApi?.(sourceFile.fileName, qualifiedMemberName(declaration, symbol.name));
    }
    const module = declaringModule(declaration);
    if (!module) return undefined;
    return { module, name: qualifiedMemberName(declaration, symbol.name) };
  }

  /**
   * A user's `const read = fs.readFileSync` or `const { readdirSync } = fs` names the same function:
   * follow the const (never a `let`, which may be reassigned) to what it was initialised with.
   */
  private resolveConstAlias(declaration: ts.Declaration, depth: number): ApiRef | undefined {
    if (depth >= 5) return undefined;
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer && isConst(declaration)) {
      const initializer = skipParenthesesDown(declaration.initializer);
      if (ts.isIdentifier(initializer) || ts.isPropertyAccessExpression(initializer)) return this.resolveCallee(initializer, depth + 1);
      return undefined;
    }
    if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent) && !declaration.dotDotDotToken) {
      const holder = declaration.parent.parent;
      if (!ts.isVariableDeclaration(holder) || !holder.initializer || !isConst(holder) || requiredModule(holder.initializer)) return undefined;
      const key = declaration.propertyName ?? declaration.name;
      if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
      const property = this.checker.getTypeAtLocation(holder.initializer).getProperty(key.text);
      return property ? this.resolveSymbol(property, depth + 1) : undefined;
    }
    return undefined;
  }

  /**
   * Untyped route (JS without @types): follow the callee's identifier to an import or `require`
   * of a module, then read the member path written after it.
   */
  private resolveByImport(callee: ts.Expression): ApiRef | undefined {
    const path: string[] = [];
    let current: ts.Expression = callee;
    while (ts.isPropertyAccessExpression(current)) {
      path.unshift(current.name.text);
      current = skipParenthesesDown(current.expression);
    }
    if (!ts.isIdentifier(current)) return undefined;
    const symbol = this.checker.getSymbolAtLocation(current);
    const declaration = symbol?.declarations?.[0];
    if (!declaration) {
      // A global with no declaration at all (no lib): only `Atomics` and friends matter here.
      return path.length > 0 && current.text === 'Atomics' ? { module: 'global', name: ['Atomics', ...path].join('.') } : undefined;
    }
    const origin = importOrigin(declaration);
    if (!origin) return undefined;
    const name = [...(origin.importedName ? [origin.importedName] : []), ...path].join('.');
    if (!name) return undefined;
    return { module: normalizeModuleName(origin.module), name };
  }
}

function isConst(declaration: ts.VariableDeclaration): boolean {
  return (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
}

function isInNodeModules(fileName: string): boolean {
  return fileName.includes('/node_modules/');
}

/** `declare module "fs" { ... }` gives "fs"; a package's own .d.ts gives the package name; a lib gives "global". */
function declaringModule(declaration: ts.Declaration): string | undefined {
  for (let current: ts.Node | undefined = declaration.parent; current; current = current.parent) {
    if (ts.isModuleDeclaration(current) && ts.isStringLiteral(current.name)) return normalizeModuleName(current.name.text);
  }
  const fileName = declaration.getSourceFile().fileName;
  // The compiler's own libs live under node_modules/typescript/lib/: they are globals, not a package.
  if (/\/typescript\/lib\/lib\.[\w.]*\.d\.ts$/.test(fileName) || (!isInNodeModules(fileName) && /(?:^|\/)lib\.[\w.]*\.d\.ts$/.test(fileName))) {
    return 'global';
  }
  return packageNameOf(fileName);
}

export function packageNameOf(fileName: string): string | undefined {
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(fileName.slice(fileName.lastIndexOf('/node_modules/')));
  if (!match) return undefined;
  const name = match[1];
  if (name.startsWith('@types/')) {
    const bare = name.slice('@types/'.length);
    return bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
  }
  return name;
}

/** `Atomics.wait` for interface members of globals, `Glob.prototype.walkSync` for class methods. */
function qualifiedMemberName(declaration: ts.Declaration, name: string): string {
  const owner = declaration.parent;
  if (owner && (ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) && owner.name) {
    const ownerName = owner.name.text;
    if (ts.isInterfaceDeclaration(owner) && /^[A-Z]/.test(ownerName) && isGlobalNamespaceInterface(owner)) {
      return `${ownerName}.${name}`;
    }
    return `${stripInterfaceSuffix(ownerName)}.prototype.${name}`;
  }
  return [...enclosingNamespaces(declaration), name].join('.');
}

/**
 * `realpathSync` for `declare module "fs" { namespace realpathSync { function native() } }`,
 * `WebAssembly` for `declare namespace WebAssembly { var Module }`: the namespaces between the
 * declaration and its module (or the global scope), outermost first.
 */
function enclosingNamespaces(declaration: ts.Node): string[] {
  const names: string[] = [];
  for (let current: ts.Node | undefined = declaration.parent; current; current = current.parent) {
    if (!ts.isModuleDeclaration(current)) continue;
    if (!ts.isIdentifier(current.name) || current.name.text === 'global') break;
    names.unshift(current.name.text);
  }
  return names;
}

/** lib.d.ts declares `interface Atomics { wait(...) }` plus `declare var Atomics: Atomics`. */
function isGlobalNamespaceInterface(owner: ts.InterfaceDeclaration): boolean {
  return owner.getSourceFile().isDeclarationFile && owner.name.text === 'Atomics';
}

function stripInterfaceSuffix(name: string): string {
  return name.replace(/Constructor$/, '');
}

interface ImportOrigin {
  module: string;
  /** undefined for namespace/default/whole-module bindings. */
  importedName?: string;
}

/** Where a local binding comes from: `import`, `import =`, or `require` (plain or destructured). */
export function importOrigin(declaration: ts.Node): ImportOrigin | undefined {
  if (ts.isImportSpecifier(declaration)) {
    const module = moduleSpecifierText(declaration.parent.parent.parent.moduleSpecifier);
    return module ? { module, importedName: (declaration.propertyName ?? declaration.name).text } : undefined;
  }
  if (ts.isNamespaceImport(declaration) || ts.isImportClause(declaration)) {
    const importDeclaration = ts.isNamespaceImport(declaration) ? declaration.parent.parent : declaration.parent;
    const module = moduleSpecifierText(importDeclaration.moduleSpecifier);
    return module ? { module } : undefined;
  }
  if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) {
    const module = moduleSpecifierText(declaration.moduleReference.expression);
    return module ? { module } : undefined;
  }
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const module = requiredModule(declaration.initializer);
    return module ? { module } : undefined;
  }
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
    const holder = declaration.parent.parent;
    if (ts.isVariableDeclaration(holder) && holder.initializer) {
      const module = requiredModule(holder.initializer);
      const key = declaration.propertyName ?? declaration.name;
      if (module && (ts.isIdentifier(key) || ts.isStringLiteral(key))) return { module, importedName: key.text };
    }
  }
  return undefined;
}

/** `require('fs')`, `require('fs').promises` is not a module binding. */
export function requiredModule(expression: ts.Expression): string | undefined {
  const inner = skipParenthesesDown(expression);
  if (
    ts.isCallExpression(inner) &&
    ts.isIdentifier(inner.expression) &&
    inner.expression.text === 'require' &&
    inner.arguments.length === 1 &&
    ts.isStringLiteralLike(inner.arguments[0])
  ) {
    return inner.arguments[0].text;
  }
  return undefined;
}

function moduleSpecifierText(specifier: ts.Expression): string | undefined {
  return ts.isStringLiteralLike(specifier) ? specifier.text : undefined;
}
