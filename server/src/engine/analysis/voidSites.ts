// Where a promise-returning function meets a place that ignores what it returns, three questions
// the callers' contextual type alone cannot answer: does *another* overload of the callee accept a
// promise-returning callback (the checker resolves the first overload that fits, so
// `f(cb: () => void)` declared before `f(cb: () => Promise<void>)` hides the second); is the
// receiver an EventEmitter created with `{ captureRejections: true }` (listener rejections go to
// 'error'); and is a call an array predicate (`filter`, `find`, `some`, ...) whose callback result
// is used as a condition.
import { ts } from '../compiler';
import { resolveAlias } from './aliases';
import { finallyExitsProcess, isVoidOrCleanup } from './callbacks';
import { FunctionLike, isFunctionLike, skipParenthesesDown } from './functions';
import { isThenableType } from './promises';

/**
 * Some call or construct signature of the callee (every overload, every union member, merged
 * interface declarations alike) takes, at argument `index`, a function whose return type accepts
 * a promise: a promise-like, `unknown` or a type parameter. typescript-eslint's
 * checksVoidReturn reports an argument only when no overload does; so do we. Rest parameters
 * (`...cbs: Array<() => void>`, tuples) cover every index from theirs on.
 */
export function someOverloadAcceptsPromise(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression, index: number): boolean {
  const calleeType = checker.getTypeAtLocation(call.expression);
  const parts = calleeType.isUnion() ? calleeType.types : [calleeType];
  for (const part of parts) {
    const signatures = ts.isNewExpression(call) ? part.getConstructSignatures() : checker.getNonNullableType(part).getCallSignatures();
    for (const signature of signatures) {
      const parameterType = parameterTypeAt(checker, signature, index, call.expression);
      if (parameterType && functionTypeAcceptsPromise(checker, parameterType, call.expression)) return true;
    }
  }
  return false;
}

/**
 * Some call or construct signature of the callee takes, at argument `index`, a function type whose
 * every call signature returns `void` (or `void` with a cleanup function): the parameter is
 * declared to ignore what the callback returns, whichever overload the checker resolved.
 */
export function someOverloadIgnoresReturn(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression, index: number): boolean {
  const calleeType = checker.getTypeAtLocation(call.expression);
  const parts = calleeType.isUnion() ? calleeType.types : [calleeType];
  return parts.some((part) => {
    const signatures = ts.isNewExpression(call) ? part.getConstructSignatures() : checker.getNonNullableType(part).getCallSignatures();
    return signatures.some((signature) => {
      const parameterType = parameterTypeAt(checker, signature, index, call.expression);
      if (!parameterType || parameterType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
      const functionParts = parameterType.isUnion() ? parameterType.types : [parameterType];
      const callSignatures = functionParts.flatMap((functionPart) => checker.getNonNullableType(functionPart).getCallSignatures());
      return callSignatures.length > 0 && callSignatures.every((callSignature) => isVoidOrCleanup(checker, checker.getReturnTypeOfSignature(callSignature)));
    });
  });
}

function parameterTypeAt(checker: ts.TypeChecker, signature: ts.Signature, index: number, location: ts.Node): ts.Type | undefined {
  const parameters = signature.getParameters();
  if (parameters.length === 0) return undefined;
  const lastIndex = parameters.length - 1;
  const last = parameters[lastIndex];
  const lastDeclaration = last.valueDeclaration;
  const isRest = !!lastDeclaration && ts.isParameter(lastDeclaration) && !!lastDeclaration.dotDotDotToken;
  if (index < lastIndex || (index === lastIndex && !isRest)) return checker.getTypeOfSymbolAtLocation(parameters[index], location);
  if (!isRest) return undefined;
  const restType = checker.getTypeOfSymbolAtLocation(last, location);
  if (checker.isArrayType(restType)) return checker.getTypeArguments(restType as ts.TypeReference)[0];
  if (checker.isTupleType(restType)) return checker.getTypeArguments(restType as ts.TypeReference)[index - lastIndex];
  return undefined;
}

/** A function type some of whose call signatures may return a promise. */
function functionTypeAcceptsPromise(checker: ts.TypeChecker, type: ts.Type, location: ts.Node): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) =>
    checker.getNonNullableType(part).getCallSignatures().some((signature) => {
      const returned = checker.getReturnTypeOfSignature(signature);
      // `any` does not count: DOM listeners are typed `=> any` and ignore what they get (as the reference does).
      if (returned.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return true;
      return isThenableType(checker, returned, location);
    }),
  );
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * `emitter.on('x', listener)` where `emitter` was created with `{ captureRejections: true }`
 * (`new EventEmitter({ captureRejections: true })`, a subclass passing it to `super`, or
 * `this.on(...)` inside such a subclass), or the file sets `EventEmitter.captureRejections = true`:
 * Node routes a listener's rejection to the emitter's 'error' event (or its
 * `Symbol.for('nodejs.rejection')` method), so it is not unhandled.
 */
export function capturesListenerRejections(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression, index: number): boolean {
  if (!ts.isCallExpression(call) || index !== 1) return false;
  const callee = skipParenthesesDown(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !LISTENER_METHODS.has(callee.name.text)) return false;
  if (setsGlobalCaptureRejections(call.getSourceFile())) return true;
  const receiver = skipParenthesesDown(callee.expression);
  if (receiver.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = ts.findAncestor(call, ts.isClassLike);
    return !!owner && classPassesCaptureRejections(owner);
  }
  let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(receiver) ? receiver.name : receiver);
  symbol = resolveAlias(checker, symbol);
  const declarations = symbol?.declarations ?? [];
  if (declarations.length === 0) return false;
  return declarations.every((declaration) => {
    const initializer =
      ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration) ? declaration.initializer : undefined;
    if (initializer) return createsCapturingEmitter(checker, skipParenthesesDown(initializer));
    // `private events: EventEmitter;` assigned in the constructor.
    if (ts.isPropertyDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
      const assigned = constructorAssignment(declaration.parent, declaration.name.text);
      return !!assigned && createsCapturingEmitter(checker, skipParenthesesDown(assigned));
    }
    // `this.events = new EventEmitter({ captureRejections: true })` in a constructor.
    if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent) && declaration.parent.left === declaration) {
      return createsCapturingEmitter(checker, skipParenthesesDown(declaration.parent.right));
    }
    return false;
  });
}

/** The value of the one `this.<name> = value` statement of the class's constructor, if any. */
function constructorAssignment(owner: ts.ClassLikeDeclaration, name: string): ts.Expression | undefined {
  const constructor = owner.members.find(ts.isConstructorDeclaration);
  const values = (constructor?.body?.statements ?? []).flatMap((statement) => {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return [];
    const { left, operatorToken, right } = statement.expression;
    return operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(left) &&
      left.expression.kind === ts.SyntaxKind.ThisKeyword &&
      left.name.text === name
      ? [right]
      : [];
  });
  return values.length === 1 ? values[0] : undefined;
}

function createsCapturingEmitter(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  if (!ts.isNewExpression(expression)) return false;
  if (hasCaptureRejectionsOption(expression.arguments?.[0])) return true;
  // `new MyEmitter()` whose class passes the option to `super(...)`.
  const symbol = checker.getSymbolAtLocation(expression.expression);
  const declaration = symbol?.declarations?.find(ts.isClassLike);
  return !!declaration && classPassesCaptureRejections(declaration);
}

function classPassesCaptureRejections(owner: ts.ClassLikeDeclaration): boolean {
  const constructor = owner.members.find(ts.isConstructorDeclaration);
  if (!constructor?.body) return false;
  return constructor.body.statements.some(
    (statement) =>
      ts.isExpressionStatement(statement) &&
      ts.isCallExpression(statement.expression) &&
      statement.expression.expression.kind === ts.SyntaxKind.SuperKeyword &&
      hasCaptureRejectionsOption(statement.expression.arguments[0]),
  );
}

function hasCaptureRejectionsOption(argument: ts.Expression | undefined): boolean {
  if (!argument) return false;
  const options = skipParenthesesDown(argument);
  if (!ts.isObjectLiteralExpression(options)) return false;
  return options.properties.some(
    (property) =>
      ts.isPropertyAssignment(property) &&
      property.name.getText() === 'captureRejections' &&
      property.initializer.kind === ts.SyntaxKind.TrueKeyword,
  );
}

/** `EventEmitter.captureRejections = true` (or `events.captureRejections = true`) as a top-level statement of the file. */
function setsGlobalCaptureRejections(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some(
    (statement) =>
      ts.isExpressionStatement(statement) &&
      ts.isBinaryExpression(statement.expression) &&
      statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(statement.expression.left) &&
      statement.expression.left.name.text === 'captureRejections' &&
      statement.expression.right.kind === ts.SyntaxKind.TrueKeyword,
  );
}

const ARRAY_PREDICATES = new Set(['filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every']);

/**
 * `xs.filter(cb)` (also `xs['filter'](cb)`) where `xs` is an array, a readonly array or a tuple,
 * or a union or intersection with one: the method name when `cb`'s result is used as a condition.
 */
export function arrayPredicateMethod(checker: ts.TypeChecker, call: ts.CallExpression): string | undefined {
  const callee = skipParenthesesDown(call.expression);
  let name: string | undefined;
  let receiver: ts.Expression;
  if (ts.isPropertyAccessExpression(callee)) {
    name = callee.name.text;
    receiver = callee.expression;
  } else if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    name = callee.argumentExpression.text;
    receiver = callee.expression;
  } else return undefined;
  if (!ARRAY_PREDICATES.has(name)) return undefined;
  let type = checker.getTypeAtLocation(receiver);
  if (type.flags & ts.TypeFlags.TypeParameter) type = checker.getBaseConstraintOfType(type) ?? type;
  const parts = (type.isUnion() ? type.types : [type]).flatMap((part) => (part.isIntersection() ? part.types : [part]));
  return parts.some((part) => checker.isArrayType(part) || checker.isTupleType(part)) ? name : undefined;
}

/** Some call signature of the callback's type returns a promise-like (on some path at least). */
export function mayReturnThenable(checker: ts.TypeChecker, callback: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(callback);
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => part.getCallSignatures().some((signature) => isThenableType(checker, checker.getReturnTypeOfSignature(signature), callback)));
}

/**
 * The body handles its own errors: it has a `try` with a `catch` (or whose `finally` ends the
 * process) of its own, not in a nested function. With no unguarded rejection point besides, its
 * author caught what can fail: a function given to a void site that cannot reject by design.
 */
export function catchesItsOwnErrors(fn: FunctionLike): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isTryStatement(node) && (node.catchClause || finallyExitsProcess(node))) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return found;
}
