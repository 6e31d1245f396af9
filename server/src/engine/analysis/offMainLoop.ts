// Code that runs, but not on the main event loop: blocking there stalls no request. A worker's
// code (a function handed to `new Worker(...)`, `pool.exec(fn)`, `piscina.run(fn)`; the branch
// under `if (!isMainThread)`; a worker entry file, named by a resolvable `new Worker(...)` in the
// program or using `parentPort`/`workerData` at its top level) and a command-line entry (a file
// starting with `#!`, or named by the nearest package.json `bin`).
import * as path from 'node:path';
import { ts } from '../compiler';
import { noteFileFact } from '../unitReads';
import { FunctionLike, isFunctionLike, skipParenthesesDown } from './functions';

const WORKER_MODULES = new Set(['worker_threads', 'node:worker_threads']);

/** A function written inside the arguments of a worker call, or referenced by name there (same file). */
export function runsInWorker(fn: FunctionLike, checker?: ts.TypeChecker): boolean {
  for (let current: ts.Node = fn; current.parent && !ts.isSourceFile(current.parent); current = current.parent) {
    const parent = current.parent;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(current as ts.Expression) && isWorkerCall(parent)) return true;
  }
  return !!checker && workerFunctionsIn(fn.getSourceFile(), checker).has(fn);
}

/** `new Worker(...)`, `pool.exec(fn)`, `workerpool.exec(fn)`, `piscina.run(fn)`. */
function isWorkerCall(call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = skipParenthesesDown(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (ts.isNewExpression(call)) return name === 'Worker';
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const receiver = skipParenthesesDown(callee.expression);
  const receiverName = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
  if (name === 'exec') return /pool/i.test(receiverName);
  if (name === 'run') return /piscina|pool/i.test(receiverName);
  return false;
}

/** The functions handed to workers in a file, as the per-unit cache compares them (unitReads.ts). */
function workerFunctionsFact(sourceFile: ts.SourceFile, checker: ts.TypeChecker): [ts.Node, string][] {
  return [...workerFunctionsIn(sourceFile, checker)].map((fn) => [fn, 'worker']);
}

const workerFunctionsByFile = new WeakMap<ts.SourceFile, Set<ts.Node>>();

/** Functions of this file referenced by name inside a worker call's arguments (`new Worker(`(${work})()`, { eval: true })`). */
function workerFunctionsIn(sourceFile: ts.SourceFile, checker: ts.TypeChecker): Set<ts.Node> {
  noteFileFact(sourceFile, 'offMainLoop.workerFunctions', workerFunctionsFact); // for the per-unit cache
  let found = workerFunctionsByFile.get(sourceFile);
  if (found) return found;
  const result = new Set<ts.Node>();
  found = result;
  workerFunctionsByFile.set(sourceFile, result);
  if (!/Worker|pool|piscina/i.test(sourceFile.text)) return result;
  const collect = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
      if (declaration && isFunctionLike(declaration)) result.add(declaration);
      else if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
        const initializer = skipParenthesesDown(declaration.initializer);
        if (isFunctionLike(initializer)) result.add(initializer);
      }
    }
    ts.forEachChild(node, collect);
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && isWorkerCall(node)) node.arguments?.forEach(collect);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return result;
}

/** Under `if (!isMainThread) { ... }` or in the `else` of `if (isMainThread)`. */
export function inWorkerBranch(node: ts.Node): boolean {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (!ts.isIfStatement(parent) || current === parent.expression) continue;
    const test = mainThreadTest(parent.expression);
    if (test === 'not-main' && current === parent.thenStatement) return true;
    if (test === 'main' && current === parent.elseStatement) return true;
  }
  return false;
}

function mainThreadTest(condition: ts.Expression): 'main' | 'not-main' | undefined {
  const test = skipParenthesesDown(condition);
  if (ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) {
    return mainThreadTest(test.operand) === 'main' ? 'not-main' : undefined;
  }
  const name = ts.isIdentifier(test) ? test.text : ts.isPropertyAccessExpression(test) ? test.name.text : undefined;
  return name === 'isMainThread' ? 'main' : undefined;
}

const offLoopFiles = new WeakMap<ts.SourceFile, boolean>();
const workerEntriesByProgram = new WeakMap<ts.Program, Set<string>>();

/** A CLI entry or a worker entry file: nothing in it runs on a server's event loop. */
export function offMainLoopFile(sourceFile: ts.SourceFile, program?: ts.Program): boolean {
  let off = offLoopFiles.get(sourceFile);
  if (off === undefined) {
    off = sourceFile.text.startsWith('#!') || usesWorkerPortAtTopLevel(sourceFile) || namedAsBin(sourceFile.fileName);
    offLoopFiles.set(sourceFile, off);
  }
  return off || (!!program && workerEntries(program).has(normalise(sourceFile.fileName)));
}

/** `const { parentPort } = require('worker_threads'); parentPort.on(...)` at the top level, outside an isMainThread test. */
function usesWorkerPortAtTopLevel(sourceFile: ts.SourceFile): boolean {
  if (!/worker_threads/.test(sourceFile.text) || !/parentPort|workerData/.test(sourceFile.text)) return false;
  const bound = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && WORKER_MODULES.has(statement.moduleSpecifier.text)) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) bound.add(element.name.text);
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer && skipParenthesesDown(declaration.initializer);
        if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') continue;
        const specifier = init.arguments[0];
        if (!specifier || !ts.isStringLiteral(specifier) || !WORKER_MODULES.has(specifier.text) || !ts.isObjectBindingPattern(declaration.name)) continue;
        for (const element of declaration.name.elements) if (ts.isIdentifier(element.name)) bound.add(element.name.text);
      }
    }
  }
  const ports: string[] = [...bound].filter((name) => name === 'parentPort' || name === 'workerData');
  if (ports.length === 0) return false;
  let used = false;
  const visit = (node: ts.Node): void => {
    if (used || isFunctionLike(node) || (ts.isIfStatement(node) && mainThreadTest(node.expression))) return;
    if (ts.isIdentifier(node) && ports.includes(node.text) && !ts.isBindingElement(node.parent) && !ts.isImportSpecifier(node.parent)) used = true;
    ts.forEachChild(node, visit);
  };
  for (const statement of sourceFile.statements) if (!ts.isImportDeclaration(statement)) visit(statement);
  return used;
}

/** Every file a resolvable `new Worker(...)` in the program names, as the program's file names (a `.js` target also names its `.ts` source). */
function workerEntries(program: ts.Program): Set<string> {
  let entries = workerEntriesByProgram.get(program);
  if (entries) return entries;
  const found = new Set<string>();
  entries = found;
  workerEntriesByProgram.set(program, found);
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/') || !sourceFile.text.includes('Worker(')) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && isWorkerCall(node) && node.arguments?.[0]) {
        const target = workerTarget(node.arguments[0], sourceFile);
        if (target) for (const candidate of sourceTwins(target)) found.add(candidate);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return found;
}

/** `new URL('./w.js', import.meta.url)`, `path.join(__dirname, 'w.js')`, `path.resolve(__dirname, 'w')`, `__dirname + '/w.js'`, `require.resolve('./w')`. */
function workerTarget(argument: ts.Expression, sourceFile: ts.SourceFile): string | undefined {
  const dir = path.dirname(sourceFile.fileName);
  const node = skipParenthesesDown(argument);
  const literal = (expression: ts.Expression | undefined): string | undefined => {
    const inner = expression && skipParenthesesDown(expression);
    return inner && ts.isStringLiteralLike(inner) ? inner.text : undefined;
  };
  const isDirname = (expression: ts.Expression): boolean => ts.isIdentifier(skipParenthesesDown(expression)) && (skipParenthesesDown(expression) as ts.Identifier).text === '__dirname';
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL' && node.arguments?.length === 2) {
    const relative = literal(node.arguments[0]);
    return relative && /import\.meta\.url$/.test(node.arguments[1].getText(sourceFile)) ? path.resolve(dir, relative) : undefined;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const method = node.expression.name.text;
    const receiver = node.expression.expression.getText(sourceFile);
    if (receiver === 'require' && method === 'resolve') {
      const relative = literal(node.arguments[0]);
      return relative?.startsWith('.') ? path.resolve(dir, relative) : undefined;
    }
    if ((method === 'join' || method === 'resolve') && node.arguments.length >= 2 && isDirname(node.arguments[0])) {
      const parts = node.arguments.slice(1).map(literal);
      return parts.every((part) => part !== undefined) ? path.resolve(dir, ...(parts as string[])) : undefined;
    }
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && isDirname(node.left)) {
    const relative = literal(node.right);
    return relative ? path.resolve(dir, `.${relative.startsWith('/') ? '' : '/'}${relative}`) : undefined;
  }
  return undefined;
}

/** `w.js` may be the build output of `w.ts` (or the file itself, or an extensionless name). */
function sourceTwins(target: string): string[] {
  const base = target.replace(/\.[cm]?[jt]sx?$/, '');
  return [target, ...['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'].map((extension) => base + extension)].map(normalise);
}

function normalise(fileName: string): string {
  return path.resolve(fileName).replace(/\\/g, '/');
}

const binCache = new Map<string, Set<string> | null>();

/** The file the nearest package.json's `bin` names (or its `.ts` twin). */
function namedAsBin(fileName: string): boolean {
  let dir = path.dirname(fileName);
  for (;;) {
    const bins = binsOf(dir);
    if (bins !== null) return sourceTwins(fileName).some((candidate) => bins.has(candidate));
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

/** The `bin` targets of `dir/package.json`, empty when it has none, null when there is no package.json. */
function binsOf(dir: string): Set<string> | null {
  const cached = binCache.get(dir);
  if (cached !== undefined) return cached;
  const file = path.join(dir, 'package.json');
  let result: Set<string> | null = null;
  const text = ts.sys.fileExists(file) ? ts.sys.readFile(file) : undefined;
  if (text !== undefined) {
    result = new Set();
    try {
      const bin = (JSON.parse(text) as { bin?: unknown }).bin;
      const targets = typeof bin === 'string' ? [bin] : bin && typeof bin === 'object' ? Object.values(bin as Record<string, unknown>) : [];
      for (const target of targets) if (typeof target === 'string') result.add(normalise(path.resolve(dir, target)));
    } catch {
      // an unreadable package.json names no bin
    }
  }
  binCache.set(dir, result);
  return result;
}

