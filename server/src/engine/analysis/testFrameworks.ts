// Test files and the async checks of node:test, Jest, Vitest and Mocha (with Chai and
// chai-as-promised): which files are tests, and which calls return a promise the test must await
// (`expect(p).rejects.toThrow()`, `assert.rejects(...)`, `t.test(...)`), by symbol where types
// exist and by the framework's well-known names where they do not (Jest and Mocha globals in JS).
import { ts } from '../compiler';
import type { ApiResolver } from './apis';
import { importOrigin } from './apis';
import { skipParenthesesDown } from './functions';

const TEST_FILE_NAME = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
const TEST_DIRECTORY = /(?:^|[\\/])(?:__tests__|tests?)[\\/]/;
const FRAMEWORK_MODULES = new Set(['node:test', 'vitest', '@jest/globals', 'mocha', 'chai', 'chai-as-promised', 'bun:test', 'expect']);
const REGISTRATION_NAMES = new Set(['describe', 'it', 'test', 'suite', 'context', 'specify']);

const testFileCache = new WeakMap<ts.SourceFile, boolean>();

/** A test file: named or placed like one (`*.test.*`, `*.spec.*`, `__tests__/`, `test/`) and using a test framework. */
export function isTestFile(sourceFile: ts.SourceFile, checker: ts.TypeChecker): boolean {
  let cached = testFileCache.get(sourceFile);
  if (cached === undefined) {
    const fileName = sourceFile.fileName;
    cached = (TEST_FILE_NAME.test(fileName) || TEST_DIRECTORY.test(fileName)) && usesTestFramework(sourceFile, checker);
    testFileCache.set(sourceFile, cached);
  }
  return cached;
}

/** Imports or requires a framework, or registers tests through framework globals (Jest, Mocha). */
function usesTestFramework(sourceFile: ts.SourceFile, checker: ts.TypeChecker): boolean {
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && FRAMEWORK_MODULES.has(statement.moduleSpecifier.text)) {
      return true;
    }
    if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const specifier = statement.moduleReference.expression;
      if (ts.isStringLiteral(specifier) && FRAMEWORK_MODULES.has(specifier.text)) return true;
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const required = requiredIn(declaration.initializer);
        if (required && FRAMEWORK_MODULES.has(required)) return true;
      }
    }
    if (ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression)) {
      const root = calleeRoot(statement.expression.expression);
      if (root && REGISTRATION_NAMES.has(root.text) && isFrameworkBinding(root, checker)) return true;
    }
  }
  return false;
}

function requiredIn(initializer: ts.Expression | undefined): string | undefined {
  let current = initializer && skipParenthesesDown(initializer);
  while (current && ts.isPropertyAccessExpression(current)) current = skipParenthesesDown(current.expression);
  if (current && ts.isCallExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === 'require') {
    const [argument] = current.arguments;
    if (argument && ts.isStringLiteralLike(argument)) return argument.text;
  }
  return undefined;
}

/** `describe` in `describe.each(table)(...)`, `expect` in `expect(x).rejects.toThrow`. */
function calleeRoot(expression: ts.Expression): ts.Identifier | undefined {
  let current = skipParenthesesDown(expression);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isCallExpression(current)) {
    current = skipParenthesesDown(current.expression);
  }
  return ts.isIdentifier(current) ? current : undefined;
}

/**
 * The name comes from a framework: imported or required, declared in a .d.ts or a package, or an
 * undeclared global (Jest and Mocha in JavaScript without types). A project's own `expect` is not.
 */
export function isFrameworkBinding(identifier: ts.Identifier, checker: ts.TypeChecker): boolean {
  const symbol = checker.getSymbolAtLocation(identifier);
  if (!symbol) return true;
  const declarations = symbol.declarations ?? [];
  if (declarations.length === 0) return true;
  return declarations.every((declaration) => {
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportEqualsDeclaration(declaration)) {
      return true;
    }
    if (ts.isBindingElement(declaration) || ts.isVariableDeclaration(declaration)) {
      let holder: ts.Node = declaration;
      while (ts.isBindingElement(holder) || ts.isObjectBindingPattern(holder) || ts.isArrayBindingPattern(holder)) holder = holder.parent;
      if (ts.isVariableDeclaration(holder) && requiredIn(holder.initializer)) return true;
    }
    const file = declaration.getSourceFile();
    return file.isDeclarationFile || file.fileName.includes('/node_modules/');
  });
}

/**
 * `expect`, `vi`, `assert`...: the framework's export of that name, imported under any alias, or a
 * global of that name (Jest and Mocha globals) that the project does not declare itself.
 */
export function isFrameworkExport(identifier: ts.Identifier, exportName: string, checker: ts.TypeChecker): boolean {
  const declaration = checker.getSymbolAtLocation(identifier)?.declarations?.[0];
  const origin = declaration && importOrigin(declaration);
  if (origin) return FRAMEWORK_MODULES.has(origin.module) && origin.importedName === exportName;
  return identifier.text === exportName && isFrameworkBinding(identifier, checker);
}

export type AsyncTestCallKind = 'assertion' | 'subtest' | 'wait';

export interface AsyncTestCall {
  kind: AsyncTestCallKind;
  /** How a message names it: `expect(...).rejects.toThrow`, `assert.rejects`, `t.test`. */
  name: string;
}

const EXPECT_ASYNC_MODIFIERS = new Set(['resolves', 'rejects', 'eventually']);
const CHAI_PROMISE_ASSERTIONS = new Set(['rejected', 'rejectedWith', 'fulfilled', 'become']);
const CHAI_ASSERT_PROMISE_METHODS = new Set(['isRejected', 'isFulfilled', 'becomes', 'doesNotBecome']);
const NODE_ASSERT_ASYNC = new Set(['rejects', 'doesNotReject']);
const WAIT_HELPERS = new Set(['waitFor', 'waitUntil', 'waitForElementToBeRemoved']);

/**
 * Recognises an expression (a call, or a Chai property assertion such as
 * `expect(p).to.be.rejected`) that returns a promise the test must await.
 */
export function asyncTestCall(expression: ts.Expression, checker: ts.TypeChecker, apis: ApiResolver): AsyncTestCall | undefined {
  const outer = skipParenthesesDown(expression);
  const expectChain = expectChainOf(outer, checker);
  if (expectChain) return expectChain;
  if (!ts.isCallExpression(outer)) return undefined;
  const callee = skipParenthesesDown(outer.expression);
  const api = apis.resolveCall(outer);
  const lastName = api?.name.split('.').pop();
  if (api && (api.module === 'assert' || api.module === 'assert/strict') && lastName && NODE_ASSERT_ASYNC.has(lastName)) {
    return { kind: 'assertion', name: callee.getText() };
  }
  if (api && api.module === 'test' && api.name === 'TestContext.prototype.test') return { kind: 'subtest', name: callee.getText() };
  if (!ts.isPropertyAccessExpression(callee)) {
    if (ts.isIdentifier(callee) && WAIT_HELPERS.has(callee.text) && (api?.module.startsWith('@testing-library/') ?? false)) {
      return { kind: 'wait', name: callee.text };
    }
    return undefined;
  }
  const method = callee.name.text;
  const receiver = calleeRoot(callee.expression);
  if (!receiver) return undefined;
  // chai-as-promised: assert.isRejected(p), assert.eventually.equal(p, 1)
  if (isFrameworkExport(receiver, 'assert', checker) && !api?.module.startsWith('assert')) {
    const path = callee.getText();
    if (CHAI_ASSERT_PROMISE_METHODS.has(method) || /^\w+\.eventually\./.test(path)) return { kind: 'assertion', name: path };
  }
  // Vitest: vi.waitFor(...), vi.waitUntil(...)
  if (ts.isIdentifier(skipParenthesesDown(callee.expression)) && (method === 'waitFor' || method === 'waitUntil') && isFrameworkExport(receiver, 'vi', checker)) {
    return { kind: 'wait', name: callee.getText() };
  }
  return undefined;
}

/** True when the call is an async assertion, a subtest or a framework wait (for rules that leave them alone). */
export function isAsyncTestCall(call: ts.CallExpression, checker: ts.TypeChecker, apis: ApiResolver): boolean {
  return !!asyncTestCall(call, checker, apis);
}

/**
 * `expect(p).resolves.toBe(1)`, `expect(p).rejects.toThrow()`, `expect.poll(fn).toBe(1)`,
 * `expect(p).to.eventually.equal(1)`, `expect(p).to.be.rejectedWith(Error)`, `p.should.be.fulfilled`.
 */
function expectChainOf(outer: ts.Expression, checker: ts.TypeChecker): AsyncTestCall | undefined {
  const names: string[] = [];
  let current: ts.Expression = outer;
  if (ts.isCallExpression(current)) current = skipParenthesesDown(current.expression);
  // A call in the middle of a chain (`.to.have.property('a').that...`) is walked through; a call on a
  // bare name (`expect(p)`, `expect.poll(fn)`) is the head.
  const isMidChainCall = (node: ts.Expression): node is ts.CallExpression => {
    if (!ts.isCallExpression(node)) return false;
    const callee = skipParenthesesDown(node.expression);
    return ts.isPropertyAccessExpression(callee) && !ts.isIdentifier(skipParenthesesDown(callee.expression));
  };
  while (ts.isPropertyAccessExpression(current) || (names.length > 0 && isMidChainCall(current))) {
    if (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      current = skipParenthesesDown(current.expression);
    } else if (isMidChainCall(current)) {
      current = skipParenthesesDown(current.expression); // `.to.be.a('x').and.eventually...`: a call in the middle of a chain
    }
  }
  if (names.length === 0) return undefined;
  // `p.should.be.rejected`: chai's should interface hangs off any value.
  const shouldIndex = names.indexOf('should');
  if (shouldIndex >= 0) {
    const rest = names.slice(shouldIndex + 1);
    if (rest.some((name) => name === 'eventually' || CHAI_PROMISE_ASSERTIONS.has(name))) {
      return { kind: 'assertion', name: `${current.getText()}.${names.join('.')}` };
    }
    return undefined;
  }
  if (!ts.isCallExpression(current)) return undefined;
  const head = skipParenthesesDown(current.expression);
  const expectIdentifier = ts.isIdentifier(head)
    ? head
    : ts.isPropertyAccessExpression(head) && (head.name.text === 'poll' || head.name.text === 'soft') && ts.isIdentifier(head.expression)
      ? head.expression
      : undefined;
  if (!expectIdentifier || !isFrameworkExport(expectIdentifier, 'expect', checker)) return undefined;
  const isPoll = ts.isPropertyAccessExpression(head) && head.name.text === 'poll';
  const headText = `${head.getText()}(...)`;
  if (isPoll) return { kind: 'assertion', name: `${headText}.${names.join('.')}` };
  const asyncModifier = names.some((name) => EXPECT_ASYNC_MODIFIERS.has(name));
  const chaiPromise = names.some((name) => CHAI_PROMISE_ASSERTIONS.has(name));
  if (!asyncModifier && !chaiPromise) return undefined;
  // `expect(p).rejects` alone (no matcher) checks nothing and returns no promise.
  if (ts.isPropertyAccessExpression(outer) && EXPECT_ASYNC_MODIFIERS.has(names[names.length - 1]) && !chaiPromise) return undefined;
  return { kind: 'assertion', name: `${headText}.${names.join('.')}` };
}
