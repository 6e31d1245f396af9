// Questions about functions handed to other functions: does the receiving parameter ignore what
// the callback returns (its declared return type is `void`), does a function return a promise,
// and small facts about callback bodies that decide whether a rewrite keeps meaning.
import { ts } from '../compiler';
import { someNodeGuardedOrNot } from './tryGuards';
import { resolveAlias } from './aliases';
import type { ApiResolver } from './apis';
import { FunctionLike, calleeName, isAsyncFunction, isFunctionLike, skipParenthesesDown } from './functions';
import { isKnownNonThenable, isThenableType } from './promises';
import { someOverloadIgnoresReturn } from './voidSites';
import { callbackCannotThrow, isHandledChain } from './handledChains';

/**
 * Schedulers that ignore what the callback returns, by name: used only where the callee's
 * declaration is untyped (a JS project without `@types/node`, `require('timers')` resolving to
 * nothing, so the parameter's contextual type is `any` or missing). Wherever a declaration types
 * the parameter, its type decides: `(...args) => void` (Node's timers) is a void site; `Function`
 * or DOM's `TimerHandler = string | Function` says nothing about the result, so (as
 * typescript-eslint) not one, unless another overload of the callee declares a void callback there.
 */
const UNTYPED_SCHEDULERS = new Set([
  'global:setTimeout',
  'global:setInterval',
  'global:setImmediate',
  'global:queueMicrotask',
  'global:process.nextTick',
  'process:nextTick',
  'process:Process.prototype.nextTick',
  'global:Process.prototype.nextTick',
  'timers:setTimeout',
  'timers:setInterval',
  'timers:setImmediate',
]);

/** A call argument and the call that receives it. */
export interface CallbackSite {
  call: ts.CallExpression | ts.NewExpression;
  index: number;
  /** The argument with parentheses and assertions removed. */
  callback: ts.Expression;
}

/**
 * True when the parameter that receives `argument` declares a `void` return: every call signature
 * of its contextual type returns exactly `void` (or `void | (() => void)`, an effect that may return
 * a cleanup), so the callee drops whatever promise the callback returns.
 * `() => unknown`, `() => any`, `() => void | Promise<void>` and `() => Promise<void>` accept a promise.
 * DOM `addEventListener` (typed `=> any` for historic reasons, but ignoring the result) and timers
 * typed with `Function` count as ignoring it.
 */
export function receiverIgnoresReturn(checker: ts.TypeChecker, apis: ApiResolver, site: CallbackSite): boolean {
  const argument = site.call.arguments?.[site.index];
  if (!argument) return false;
  const contextual = checker.getContextualType(argument);
  if (contextual && !(contextual.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) {
    const parts = contextual.isUnion() ? contextual.types : [contextual];
    const signatures = parts.flatMap((part) => checker.getNonNullableType(part).getCallSignatures());
    if (signatures.length > 0) {
      if (signatures.every((signature) => isVoidOrCleanup(checker, checker.getReturnTypeOfSignature(signature)))) return true;
      if (!isDomAddEventListener(site, apis)) return false;
      // DOM listeners: `(this: Window, ev: ...) => any`; the result is ignored all the same.
      return signatures.every((signature) => checker.getReturnTypeOfSignature(signature).flags & (ts.TypeFlags.Any | ts.TypeFlags.Void));
    }
    // Typed, but without a call signature (`Function`, `string | Function`): the resolved overload
    // says nothing about the result; another overload may declare a void callback (Node's
    // `setTimeout(callback: (...args) => void)` beside DOM's `setTimeout(handler: TimerHandler)`).
    return someOverloadIgnoresReturn(checker, site.call, site.index);
  }
  if (site.index !== 0 || !ts.isCallExpression(site.call)) return false;
  const api = apis.resolveCall(site.call);
  return !!api && UNTYPED_SCHEDULERS.has(`${api.module}:${api.name}`);
}

function isExactlyVoid(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Void) !== 0;
}

/**
 * `void`, or `void` united with functions and `undefined` only: React's `useEffect` callback type
 * (`() => void | Destructor`) keeps a returned cleanup function and ignores anything else, a promise included.
 */
export function isVoidOrCleanup(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (isExactlyVoid(type)) return true;
  if (!type.isUnion() || !type.types.some(isExactlyVoid)) return false;
  return type.types.every(
    (part) =>
      part.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined) ||
      (part.flags & ts.TypeFlags.Object && part.getCallSignatures().length > 0 && !part.getProperty('then')),
  );
}

function isDomAddEventListener(site: CallbackSite, apis: ApiResolver): boolean {
  if (!ts.isCallExpression(site.call) || calleeName(site.call) !== 'addEventListener' || site.index !== 1) return false;
  const api = apis.resolveCall(site.call);
  return !!api && api.module === 'global' && api.name.endsWith('.prototype.addEventListener');
}

/** The arguments of a call that are functions (inline or by reference), with their index. */
export function callbackSites(call: ts.CallExpression | ts.NewExpression): CallbackSite[] {
  const sites: CallbackSite[] = [];
  (call.arguments ?? []).forEach((argument, index) => {
    if (ts.isSpreadElement(argument)) return;
    sites.push({ call, index, callback: skipParenthesesDown(argument) });
  });
  return sites;
}

export type InlineFunction = ts.ArrowFunction | ts.FunctionExpression;

export function isInlineFunction(node: ts.Node): node is InlineFunction {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** `new Promise(executor)` with the global Promise. */
export function isPromiseConstructorCall(call: ts.CallExpression | ts.NewExpression, apis: ApiResolver): boolean {
  if (!ts.isNewExpression(call)) return false;
  const callee = skipParenthesesDown(call.expression);
  if (!ts.isIdentifier(callee) || callee.text !== 'Promise') return false;
  const api = apis.resolveCall(call);
  return !!api && api.module === 'global' && api.name === 'Promise';
}

/** `p.then(cb)`, `p.catch(cb)`, `p.finally(cb)`: the chain waits for what the callback returns. */
export function isPromiseChainCall(call: ts.CallExpression | ts.NewExpression, checker: ts.TypeChecker): boolean {
  if (!ts.isCallExpression(call)) return false;
  const callee = skipParenthesesDown(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  if (name !== 'then' && name !== 'catch' && name !== 'finally') return false;
  return isThenableType(checker, checker.getTypeAtLocation(callee.expression), callee.expression);
}

/** True when every call signature of the expression's type returns a promise-like. */
export function isPromiseReturningFunction(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  const signatures = checker.getTypeAtLocation(expression).getCallSignatures();
  return (
    signatures.length > 0 &&
    signatures.every((signature) => {
      const returned = checker.getReturnTypeOfSignature(signature);
      const parts = returned.isUnion() ? returned.types : [returned];
      return parts.every((part) => isThenableType(checker, part, expression));
    })
  );
}

/** The `return` statements of a function body, not those of nested functions. */
export function ownReturnStatements(fn: FunctionLike): ts.ReturnStatement[] {
  const found: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node)) found.push(node);
    if (isFunctionLike(node) || ts.isClassLike(node)) return;
    ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return found;
}

/** Does the body use something a plain loop body would read differently: `this`, `arguments`, `super`, `new.target`, or own `var`s? */
export function usesFunctionScope(fn: InlineFunction): boolean {
  const ownThis = ts.isFunctionExpression(fn);
  let found = false;
  const visit = (node: ts.Node, inOwnScope: boolean): void => {
    if (found) return;
    if (ts.isVariableDeclarationList(node) && inOwnScope && !(node.flags & ts.NodeFlags.BlockScoped)) found = true;
    if (ownThis && inOwnScope) {
      if (node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.SuperKeyword) found = true;
      if (ts.isIdentifier(node) && node.text === 'arguments' && !isPropertyName(node)) found = true;
      if (ts.isMetaProperty(node)) found = true;
    }
    if (ts.isClassLike(node)) return;
    // Arrow functions share `this`/`arguments` with their parent; other functions start a new scope.
    const nested = isFunctionLike(node);
    if (nested && !ts.isArrowFunction(node)) return;
    ts.forEachChild(node, (child) => visit(child, inOwnScope && !nested));
  };
  if (fn.body) ts.forEachChild(fn.body, (child) => visit(child, true));
  return found;
}

function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === identifier) || (ts.isPropertyAssignment(parent) && parent.name === identifier);
}

/**
 * A body that cannot reject: its only statement is a `try` with a `catch` whose block throws
 * nothing itself. (A `catch` that calls something that throws is beyond what we check.)
 */
export function bodyCatchesEverything(fn: FunctionLike): boolean {
  const body = fn.body;
  if (!body || !ts.isBlock(body) || body.statements.length !== 1) return false;
  const statement = body.statements[0];
  if (!ts.isTryStatement(statement) || !statement.catchClause) return false;
  let throws = false;
  const visit = (node: ts.Node): void => {
    if (ts.isThrowStatement(node)) throws = true;
    if (!throws && !isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  visit(statement.catchClause.block);
  if (statement.finallyBlock) visit(statement.finallyBlock);
  return !throws;
}

/**
 * A promise expression whose rejection is handled right there: `p.catch(h)`, `p.then(f, h)` with a
 * real handler `h` (not `undefined`, `null` or, with a checker, a non-callable value) that does not
 * throw itself, and `.then(f)` / `.finally(f)` after such a chain when `f` cannot throw by itself.
 * See `handledChains.ts` (the same judgement floating-promise makes of useless handlers).
 */
export function isHandledPromiseExpression(expression: ts.Expression, checker?: ts.TypeChecker): boolean {
  return isHandledChain(expression, checker, checker ? (callback) => referencedFunction(checker, callback) : undefined);
}

// ---------------------------------------------------------------------------------------------
// Where can a function's promise reject? (JSX handlers: report only unguarded ones.)

export type RejectionKind = 'await' | 'throw' | 'return' | 'call';

/** A place in a function body that can make its promise reject, outside any `try` that catches. */
export interface RejectionPoint {
  node: ts.Node;
  kind: RejectionKind;
}

const MAX_DEPTH = 3;

/**
 * The places where `fn`'s promise can reject and no `try { } catch` of its own body catches:
 * an `await` (or `for await`) of something that can reject, a `throw`, a returned promise that can
 * reject (a `try` around `return p` does not catch p's rejection), and (async functions only) a
 * call to a project function that throws synchronously. Points inside a `catch` or `finally` block count (they are outside the `try` they belong to).
 * An awaited or returned call to a project function that cannot reject itself is not a point;
 * neither is `p.catch(f)` / `p.then(f, g)`. Nested functions and classes are not entered.
 */
export function unguardedRejectionPoints(checker: ts.TypeChecker, fn: FunctionLike, depth = 0, seen = new Set<ts.Node>()): RejectionPoint[] {
  const points: RejectionPoint[] = [];
  const body = fn.body;
  if (!body || seen.has(fn)) return points;
  seen.add(fn);
  const isAsync = isAsyncFunction(fn);
  const canReject = (expression: ts.Expression): boolean => promiseCanReject(checker, expression, depth, seen);

  const visit = (node: ts.Node, guarded: boolean): void => {
    if (isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isTryStatement(node)) {
      const exits = finallyExitsProcess(node);
      visit(node.tryBlock, guarded || !!node.catchClause || exits);
      if (node.catchClause) visit(node.catchClause, guarded || exits);
      if (node.finallyBlock) visit(node.finallyBlock, guarded);
      return;
    }
    if (!guarded) {
      if (isAsync && ts.isAwaitExpression(node) && !isKnownNonThenable(checker, checker.getTypeAtLocation(node.expression), node.expression) && canReject(node.expression)) points.push({ node, kind: 'await' });
      else if (isAsync && ts.isForOfStatement(node) && node.awaitModifier) points.push({ node: node.awaitModifier, kind: 'await' });
      else if (isAsync && ts.isThrowStatement(node)) points.push({ node, kind: 'throw' });
      else if (isAsync && ts.isCallExpression(node) && depth < MAX_DEPTH && callThrows(checker, node, depth + 1, seen)) {
        points.push({ node, kind: 'call' });
      }
    }
    // A returned promise is the function's result: a `try` around the `return` does not see it reject.
    if (ts.isReturnStatement(node) && node.expression && isThenableType(checker, checker.getTypeAtLocation(node.expression), node.expression) && canReject(node.expression)) {
      points.push({ node: node.expression, kind: 'return' });
    }
    ts.forEachChild(node, (child) => visit(child, guarded));
  };

  if (ts.isBlock(body)) ts.forEachChild(body, (child) => visit(child, false));
  else {
    // An expression body is returned: it rejects the promise when it is a promise that can reject.
    if (isThenableType(checker, checker.getTypeAtLocation(body), body) && canReject(body)) points.push({ node: body, kind: 'return' });
    else visit(body, false);
  }
  seen.delete(fn);
  return points;
}

/**
 * `try { ... } finally { ...; process.exit(...) }`: whatever the try (or its catch) throws, the
 * finally block ends the process before the rejection could be reported, so nothing goes unhandled.
 */
export function finallyExitsProcess(statement: ts.TryStatement): boolean {
  const last = statement.finallyBlock?.statements.at(-1);
  if (!last || !ts.isExpressionStatement(last)) return false;
  const call = skipParenthesesDown(last.expression);
  if (!ts.isCallExpression(call)) return false;
  const callee = skipParenthesesDown(call.expression);
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'exit' &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'process'
  );
}

/** Can this promise-valued expression reject? Not when handled right there or when it is a call to project code that cannot. */
function promiseCanReject(checker: ts.TypeChecker, expression: ts.Expression, depth: number, seen: Set<ts.Node>): boolean {
  if (isHandledPromiseExpression(expression, checker)) return false;
  const inner = skipParenthesesDown(expression);
  if (ts.isAwaitExpression(inner)) return promiseCanReject(checker, inner.expression, depth, seen);
  if (!ts.isCallExpression(inner) || depth >= MAX_DEPTH) return true;
  // `settle().then(f)` / `.finally(f)`: rejects only if its receiver can, or `f` can throw.
  const callee = skipParenthesesDown(inner.expression);
  if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'then' || callee.name.text === 'finally') && inner.arguments.length <= 1) {
    const first = inner.arguments[0];
    const callbackSafe = !first || callbackCannotThrow(first, checker, (callback) => referencedFunction(checker, callback), false);
    return !callbackSafe || promiseCanReject(checker, callee.expression, depth + 1, seen);
  }
  const declaration = calledDeclaration(checker, inner);
  if (!declaration || !declaration.body) return true;
  if (!isAsyncFunction(declaration)) return true; // a plain function returning a promise it got elsewhere
  return unguardedRejectionPoints(checker, declaration, depth + 1, seen).length > 0;
}

/** A call to a synchronous project function with an uncaught `throw` (directly or through such calls). */
function callThrows(checker: ts.TypeChecker, call: ts.CallExpression, depth: number, seen: Set<ts.Node>): boolean {
  const declaration = calledDeclaration(checker, call);
  if (!declaration || !declaration.body || seen.has(declaration)) return false;
  if (isAsyncFunction(declaration)) return false; // returns a promise
  if ((ts.isFunctionDeclaration(declaration) || ts.isFunctionExpression(declaration) || ts.isMethodDeclaration(declaration)) && declaration.asteriskToken) return false;
  seen.add(declaration);
  const throws = someNodeGuardedOrNot(
    declaration.body,
    (node, guarded) =>
      !guarded && (ts.isThrowStatement(node) || (ts.isCallExpression(node) && depth < MAX_DEPTH && callThrows(checker, node, depth + 1, seen))),
  );
  seen.delete(declaration);
  return throws;
}

/** The project (non-declaration-file) function a call resolves to, if it has a body. */
export function calledDeclaration(checker: ts.TypeChecker, call: ts.CallExpression): FunctionLike | undefined {
  const declaration = checker.getResolvedSignature(call)?.getDeclaration();
  if (!declaration || declaration.getSourceFile().isDeclarationFile || !isFunctionLike(declaration)) return undefined;
  return declaration;
}

/**
 * The function a reference names (`handleSubmit`, `this.onSave`, `props.x` when it resolves to a
 * declaration with a body): function declarations, methods, and variables or properties
 * initialised with a function expression or arrow. Undefined when the body is out of sight.
 */
export function referencedFunction(checker: ts.TypeChecker, expression: ts.Expression): FunctionLike | undefined {
  const inner = skipParenthesesDown(expression);
  const target = ts.isPropertyAccessExpression(inner) ? inner.name : inner;
  let symbol = checker.getSymbolAtLocation(target);
  symbol = resolveAlias(checker, symbol);
  const declarations = symbol?.declarations ?? [];
  if (declarations.length !== 1) return undefined;
  const declaration = declarations[0];
  if (declaration.getSourceFile().isDeclarationFile) return undefined;
  if (isFunctionLike(declaration)) return declaration.body ? declaration : undefined;
  if (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) {
    const initializer = declaration.initializer && skipParenthesesDown(declaration.initializer);
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) return initializer;
  }
  return undefined;
}
