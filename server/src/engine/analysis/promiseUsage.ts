// Shared questions and edits for the rules about how a promise is used (floating-promise,
// missing-await): where `await` may be written, how to name an expression in a message, which
// node a finding covers, test-framework calls. (The "make this function async" edit is in
// engine/fixes/makeAsync.ts.)
import { ts } from '../compiler';
import { resolveAlias } from './aliases';
import { FunctionLike, functionName, isAsyncFunction, isFunctionLike, skipParenthesesDown } from './functions';
import { isThenableType } from './promises';

/**
 * The node a finding covers. Convention shared by both rules: for a call or `new`, the callee
 * (`saveUser` in `saveUser(u)`, `fetch(url).then` in `fetch(url).then(parse)`), so the squiggle
 * sits on what was called; for anything else, the expression without its outer parentheses.
 */
export function reportNodeFor(expression: ts.Expression): ts.Node {
  const inner = skipParenthesesDown(expression);
  if (ts.isCallExpression(inner) || ts.isNewExpression(inner)) return skipParenthesesDown(inner.expression);
  return inner;
}

/**
 * True when the syntax alone says the value is never a promise: literals, templates, unary
 * operators, and binary operators whose result is a number, string, bigint or boolean (`a + b`,
 * `x < y`, `k in o`). Lets per-operand checks skip the type checker, whose type of a long
 * `1 + 1 + ...` chain is recomputed (not cached) on every query. Logical operators, `,`, `=` and
 * `?:` pass an operand through, so they are judged by their operands (memoised: linear on chains).
 */
export function cannotBePromise(expression: ts.Expression): boolean {
  const known = cannotBePromiseCache.get(expression);
  if (known !== undefined) return known;
  const result = cannotBePromiseUncached(expression);
  cannotBePromiseCache.set(expression, result);
  return result;
}

const cannotBePromiseCache = new WeakMap<ts.Node, boolean>();

function cannotBePromiseUncached(expression: ts.Expression): boolean {
  // Iterative over the left spine of `a && b && c ...` / `a, b, c`, so long chains cannot overflow the stack.
  let e = skipParenthesesDown(expression);
  const pending: ts.Expression[] = [];
  for (;;) {
    switch (e.kind) {
      case ts.SyntaxKind.NumericLiteral:
      case ts.SyntaxKind.BigIntLiteral:
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TemplateExpression:
      case ts.SyntaxKind.RegularExpressionLiteral:
      case ts.SyntaxKind.TrueKeyword:
      case ts.SyntaxKind.FalseKeyword:
      case ts.SyntaxKind.NullKeyword:
      case ts.SyntaxKind.PrefixUnaryExpression:
      case ts.SyntaxKind.PostfixUnaryExpression:
      case ts.SyntaxKind.TypeOfExpression:
      case ts.SyntaxKind.DeleteExpression:
      case ts.SyntaxKind.VoidExpression:
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const binary = e as ts.BinaryExpression;
        const operator = binary.operatorToken.kind;
        if (operator === ts.SyntaxKind.CommaToken || operator === ts.SyntaxKind.EqualsToken) {
          e = skipParenthesesDown(binary.right);
          continue;
        }
        if (
          operator === ts.SyntaxKind.AmpersandAmpersandToken ||
          operator === ts.SyntaxKind.BarBarToken ||
          operator === ts.SyntaxKind.QuestionQuestionToken ||
          operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
          operator === ts.SyntaxKind.BarBarEqualsToken ||
          operator === ts.SyntaxKind.QuestionQuestionEqualsToken
        ) {
          const known = cannotBePromiseCache.get(binary.left);
          if (known === false) return false;
          pending.push(binary.right);
          if (known === undefined) {
            e = skipParenthesesDown(binary.left);
            continue;
          }
          break;
        }
        break; // arithmetic, comparison, bitwise, `in`, `instanceof` and their compound assignments
      }
      default:
        return false;
    }
    const next = pending.pop();
    if (!next) return true;
    e = skipParenthesesDown(next);
  }
}

const MAX_NAME = 40;

/** Source text of an expression for messages, on one line and shortened. */
export function expressionText(expression: ts.Node, sourceFile: ts.SourceFile): string {
  const text = expression.getText(sourceFile).replace(/\s*\n\s*/g, ' ');
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}

/** `saveUser(...)` / `save()` for a call, the text otherwise: how floating-promise names a promise. */
export function callName(expression: ts.Expression, sourceFile: ts.SourceFile): string {
  const inner = skipParenthesesDown(expression);
  if (ts.isCallExpression(inner) || ts.isNewExpression(inner)) {
    const callee = expressionText(inner.expression, sourceFile);
    const args = inner.arguments && inner.arguments.length > 0 ? '(...)' : '()';
    return `${ts.isNewExpression(inner) ? 'new ' : ''}${callee}${args}`;
  }
  return expressionText(inner, sourceFile);
}

/**
 * Where `await` would be valid at `node`: the enclosing function when `node` is inside its body
 * (not its parameters, and not a class field or static block in between). `async` tells whether
 * the function already is one.
 */
export function awaitContext(node: ts.Node): { fn: FunctionLike; async: boolean } | undefined {
  let child: ts.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunctionLike(current)) {
      if (current.body !== child) return undefined;
      return { fn: current, async: isAsyncFunction(current) };
    }
    if (
      ts.isClassStaticBlockDeclaration(current) ||
      ts.isPropertyDeclaration(current) ||
      ts.isDecorator(current) ||
      ts.isComputedPropertyName(current) ||
      ts.isSourceFile(current)
    ) {
      return undefined;
    }
  }
  return undefined;
}

const TEST_FRAMEWORK_NAMES = new Set(['describe', 'suite', 'it', 'test', 'before', 'after', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll']);

/**
 * `describe(...)`, `it.only(...)`, `test.skip(...)`, `describe.each(table)(...)`: node:test,
 * Mocha, Jest and Vitest register these and run them themselves (node:test's return a promise
 * nobody needs to await). Only when the name comes from a package or a global, so a project's
 * own `test()` that returns a promise is still checked. `t.test(...)` (a subtest) is not exempt.
 */
export function isTestFrameworkCall(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  let current: ts.Expression = skipParenthesesDown(call.expression);
  while (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current) || ts.isElementAccessExpression(current)) {
    current = skipParenthesesDown(current.expression);
  }
  if (!ts.isIdentifier(current) || !TEST_FRAMEWORK_NAMES.has(current.text)) return false;
  let symbol = checker.getSymbolAtLocation(current);
  if (!symbol) return true; // an undeclared global (Mocha/Jest without types)
  const required = symbol.declarations?.map(requiredModuleOf).find((module) => module !== undefined);
  if (required !== undefined) return !required.startsWith('.'); // `const { test } = require('node:test')`
  symbol = resolveAlias(checker, symbol);
  const targets = symbol.declarations ?? [];
  if (targets.length === 0) return true; // imported from a package without types
  return targets.every((declaration) => {
    const file = declaration.getSourceFile();
    return file.isDeclarationFile || file.fileName.includes('/node_modules/');
  });
}

/** The module a `require` binding comes from (`const x = require('m')`, destructured or `.member`). */
function requiredModuleOf(declaration: ts.Declaration): string | undefined {
  let holder: ts.Node = declaration;
  while (ts.isBindingElement(holder) || ts.isObjectBindingPattern(holder) || ts.isArrayBindingPattern(holder)) holder = holder.parent;
  if (!ts.isVariableDeclaration(holder) || !holder.initializer) return undefined;
  let init: ts.Expression = skipParenthesesDown(holder.initializer);
  while (ts.isPropertyAccessExpression(init)) init = skipParenthesesDown(init.expression);
  if (!ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') return undefined;
  const [specifier] = init.arguments;
  return specifier && ts.isStringLiteralLike(specifier) ? specifier.text : undefined;
}

/** Does the type have a `catch` method on every promise-like part (VS Code's Thenable has none)? */
export function hasCatchMethod(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): boolean {
  const parts = type.isUnion() ? type.types : [type];
  const thenables = parts.filter((part) => isThenableType(checker, part, node));
  return thenables.length > 0 && thenables.every((part) => {
    const property = part.getProperty('catch');
    return !!property && checker.getTypeOfSymbolAtLocation(property, node).getCallSignatures().length > 0;
  });
}

/** Every part of the type is either promise-like or null/undefined (and at least one is promise-like). */
export function isThenableOrNullish(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): { thenable: boolean; nullish: boolean } {
  const parts = type.isUnion() ? type.types : [type];
  let nullish = false;
  for (const part of parts) {
    if (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) nullish = true;
    else if (!isThenableType(checker, part, node)) return { thenable: false, nullish };
  }
  return { thenable: true, nullish };
}

/** A name for a function in a fix title. */
export function functionLabel(fn: FunctionLike): string {
  const name = functionName(fn);
  if (name) return `'${name}'`;
  return ts.isArrowFunction(fn) ? 'this arrow function' : 'this function';
}
