// Is a promise chain's rejection handled right there? `p.catch(h)` and `p.then(f, h)` with a real
// rejection handler `h` (callable: `.catch(undefined)`, `.catch(null)`, `.then(f, undefined)` and a
// non-callable value handle nothing, as typescript-eslint says), that does not itself throw; and
// `.then(f)` / `.finally(f)` after such a chain when `f` cannot throw by itself
// (`q.then(a).catch(h).then(() => stream.end())`, knex's `_stream` executors). A callback out of
// sight is trusted as a rejection handler, a `.finally` cleanup or the first callback of
// `then(f, h)`, not as a lone `.then` step after a handled chain.
import { ts } from '../compiler';
import { someChildGuardedOrNot } from './tryGuards';
import { FunctionLike, isNullishLiteral, skipParenthesesDown } from './functions';
import { isThenableType } from './promises';

/**
 * An argument that really is a rejection handler: present, not `undefined`/`null`/`void 0`, and
 * (with a checker) of a callable or untyped type. Without a checker only the literals are judged.
 */
export function isRejectionHandler(argument: ts.Expression | undefined, checker?: ts.TypeChecker): boolean {
  if (!argument || ts.isSpreadElement(argument)) return false;
  const inner = skipParenthesesDown(argument);
  if (isNullishLiteral(inner) || (ts.isVoidExpression(inner) && ts.isLiteralExpression(skipParenthesesDown(inner.expression)))) return false;
  if (!checker) return true;
  const type = checker.getTypeAtLocation(argument);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  if (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) return false;
  if (type.getCallSignatures().length > 0) return true;
  const apparent = checker.getApparentType(type);
  const parts = apparent.isUnion() ? apparent.types : [apparent];
  return parts.every((part) => part.getCallSignatures().length > 0 || (part.flags & ts.TypeFlags.Any) !== 0);
}

/**
 * A chain that handles its own rejection (see the file comment). `referenced` resolves a callback
 * given by name to its function (undefined: out of sight, trusted as a handler that does not throw).
 */
export function isHandledChain(
  expression: ts.Expression,
  checker: ts.TypeChecker | undefined,
  referenced: (callback: ts.Expression) => FunctionLike | undefined = () => undefined,
  depth = 0,
): boolean {
  if (depth > 8) return false;
  const inner = skipParenthesesDown(expression);
  if (!ts.isCallExpression(inner)) return false;
  const callee = skipParenthesesDown(inner.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const [first, second] = inner.arguments;
  const cannotThrow = (callback: ts.Expression | undefined, trustOpaque: boolean): boolean =>
    !callback || isNullishLiteral(skipParenthesesDown(callback)) || callbackCannotThrow(callback, checker, referenced, trustOpaque);
  switch (callee.name.text) {
    case 'catch':
      return isRejectionHandler(first, checker) && cannotThrow(first, true);
    case 'then':
      // `then(onValue, onError)`: both given by name are trusted (as floating-promise counts it handled).
      if (isRejectionHandler(second, checker)) return cannotThrow(first, true) && cannotThrow(second, true);
      return cannotThrow(first, false) && isHandledChain(callee.expression, checker, referenced, depth + 1);
    case 'finally':
      // A cleanup given by name is trusted, as a handler is (`.catch(log).finally(release)`).
      return cannotThrow(first, true) && isHandledChain(callee.expression, checker, referenced, depth + 1);
    default:
      return false;
  }
}

/**
 * A callback that cannot make the chain reject by itself: an inline function (or one found by
 * name) with no `throw` outside a `try` that catches, no `await` outside one, and no returned
 * promise that may reject (a returned call, without types); the `resolve`/`reject` parameter of
 * an enclosing `new Promise` executor. A callback out of sight is trusted when `trustOpaque` (a
 * rejection handler: `.catch(log)`), not otherwise (a fulfilment callback `.then(parse)`).
 */
export function callbackCannotThrow(
  callback: ts.Expression,
  checker: ts.TypeChecker | undefined,
  referenced: (callback: ts.Expression) => FunctionLike | undefined,
  trustOpaque: boolean,
): boolean {
  const inner = skipParenthesesDown(callback);
  if (ts.isIdentifier(inner) && isExecutorSettler(inner)) return true;
  const fn = ts.isArrowFunction(inner) || ts.isFunctionExpression(inner) ? inner : referenced(inner);
  if (!fn || !fn.body) return trustOpaque;
  if (!ts.isBlock(fn.body)) return !mayRejectAsResult(fn.body as ts.Expression, checker);
  return !someChildGuardedOrNot(
    fn.body,
    (node, guarded) =>
      (!guarded && (ts.isThrowStatement(node) || ts.isAwaitExpression(node))) ||
      (ts.isReturnStatement(node) && !!node.expression && mayRejectAsResult(node.expression, checker)),
  );
}

/**
 * A returned value that may be a promise that rejects: with a checker, a promise-typed value that
 * is not a handled chain; without one, any call or `new` that is not a handled chain.
 */
function mayRejectAsResult(expression: ts.Expression, checker: ts.TypeChecker | undefined): boolean {
  const inner = skipParenthesesDown(expression);
  if (ts.isAwaitExpression(inner)) return true;
  if (checker) return isThenableType(checker, checker.getTypeAtLocation(inner), inner) && !isHandledChain(inner, checker);
  if (ts.isCallExpression(inner) || ts.isNewExpression(inner)) return !isHandledChain(inner, undefined);
  return false;
}

/** `resolve` / `reject` of an enclosing `new Promise((resolve, reject) => ...)` executor (by name, in scope): they never throw. */
function isExecutorSettler(name: ts.Identifier): boolean {
  for (let node: ts.Node | undefined = name.parent; node; node = node.parent) {
    if (!(ts.isArrowFunction(node) || ts.isFunctionExpression(node))) continue;
    const construction = skipParenthesesUp(node);
    if (
      ts.isNewExpression(construction) &&
      construction.arguments?.[0] !== undefined &&
      skipParenthesesDown(construction.arguments[0]) === node &&
      ts.isIdentifier(construction.expression) &&
      construction.expression.text === 'Promise' &&
      node.parameters.slice(0, 2).some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name.text)
    ) {
      return true;
    }
    if (node.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name.text)) return false; // shadowed
  }
  return false;
}

function skipParenthesesUp(node: ts.Node): ts.Node {
  let parent = node.parent;
  while (parent && ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return parent;
}
