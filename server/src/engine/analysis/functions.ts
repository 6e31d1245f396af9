// Small, shared questions about functions and the syntax around them.
import { ts } from '../compiler';

export type FunctionLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.ConstructorDeclaration;

export function isFunctionLike(node: ts.Node): node is FunctionLike {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node)
  );
}

/** The nearest function whose body contains `node` (not counting `node` itself). */
export function enclosingFunction(node: ts.Node): FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current)) return current;
    if (ts.isClassStaticBlockDeclaration(current)) return undefined;
  }
  return undefined;
}

export function isAsyncFunction(fn: ts.Node): boolean {
  return isFunctionLike(fn) && (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}

/** A human name for a function: its declared name, the variable or property it is assigned to. */
export function functionName(fn: FunctionLike): string | undefined {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name) || ts.isStringLiteral(fn.name))) {
    return fn.name.text;
  }
  if (ts.isConstructorDeclaration(fn)) return 'constructor';
  const parent = skipParenthesesUp(fn).parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))) {
    if (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name)) return parent.name.text;
  }
  return undefined;
}

/** `null`, `undefined` or `void expr`: written to mean "no value". */
export function isNullishLiteral(expression: ts.Expression): boolean {
  return (
    expression.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(expression) && expression.text === 'undefined') ||
    ts.isVoidExpression(expression)
  );
}

/** Climbs out of parentheses, type assertions and `satisfies`, which change nothing at run time. */
export function skipParenthesesUp(node: ts.Node): ts.Node {
  let current = node;
  while (
    current.parent &&
    (ts.isParenthesizedExpression(current.parent) ||
      ts.isAsExpression(current.parent) ||
      ts.isTypeAssertionExpression(current.parent) ||
      ts.isSatisfiesExpression(current.parent) ||
      ts.isNonNullExpression(current.parent))
  ) {
    current = current.parent;
  }
  return current;
}

export function skipParenthesesDown(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The name a call is made by: `foo` for `foo()`, `bar` for `x.y.bar()`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = skipParenthesesDown(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    return callee.argumentExpression.text;
  }
  return undefined;
}

/** The call that receives `fn` as an argument, and at which index, if any. */
export function callReceivingArgument(
  fn: ts.Node,
): { call: ts.CallExpression | ts.NewExpression; index: number } | undefined {
  const outer = skipParenthesesUp(fn);
  const parent = outer.parent;
  if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments) {
    const index = parent.arguments.indexOf(outer as ts.Expression);
    if (index >= 0) return { call: parent, index };
  }
  return undefined;
}

/** True when the function's body contains an `await` of its own (not one of a nested function). */
export function containsOwnAwait(fn: FunctionLike): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) {
      found = true;
      return;
    }
    if (isFunctionLike(node)) return;
    ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return found;
}
