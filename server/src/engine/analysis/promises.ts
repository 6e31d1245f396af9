// Recognises promise-like types the way TypeScript's own `await` does: anything with a callable
// `then` whose first parameter is callable. Covers Promise, PromiseLike, VS Code's Thenable and
// custom thenables, not just the global Promise.
import { ts } from '../compiler';
import { isNativePromiseType } from './nativePromise';

export function isThenableType(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
  if (type.isUnion()) return type.types.some((part) => isThenableType(checker, part, node));
  if (type.isIntersection()) return type.types.some((part) => isThenableType(checker, part, node));
  const then = type.getProperty('then');
  if (!then) return false;
  const thenType = checker.getTypeOfSymbolAtLocation(then, node);
  return thenType.getCallSignatures().some((signature) => {
    const first = signature.parameters[0];
    if (!first) return false;
    const firstType = checker.getTypeOfSymbolAtLocation(first, node);
    return (
      firstType.flags & ts.TypeFlags.Any ||
      checker.getNonNullableType(firstType).getCallSignatures().length > 0 ||
      (firstType.isUnion() && firstType.types.some((part) => part.getCallSignatures().length > 0))
    );
  });
}

/** True when every part of the type is thenable (a `Promise<T> | undefined` is not always a promise). */
export function isAlwaysThenable(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): boolean {
  if (type.isUnion()) return type.types.every((part) => isThenableType(checker, part, node));
  return isThenableType(checker, type, node);
}

/** Arrays and tuples of promises: `[p1, p2]`, `ids.map(fetchUser)`. */
export function isArrayOfThenables(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): boolean {
  if (!checker.isArrayType(type) && !checker.isTupleType(type)) return false;
  const elementTypes = checker.getTypeArguments(type as ts.TypeReference);
  return elementTypes.length > 0 && elementTypes.some((element) => isThenableType(checker, element, node));
}

/** True for types that can never be a promise: primitives, literals, void, and object types without `then`. */
export function isKnownNonThenable(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Never)) return false;
  if (type.isUnion() || type.isIntersection()) {
    return type.types.every((part) => isKnownNonThenable(checker, part, node));
  }
  if (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Mapped) return false;
  if (type.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.Index | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional)) return false;
  return !isThenableType(checker, type, node);
}

/**
 * floating-promise's notion of a promise, as typescript-eslint's no-floating-promises has it: by
 * default a native Promise (the default library's `Promise`, a class or interface extending it, a
 * type parameter constrained to one, any part of a union or intersection); with `checkThenables`,
 * any thenable (`PromiseLike`, VS Code's `Thenable`, a query builder with its own `then`).
 * `await`-related rules keep isThenableType.
 */
export function isFloatablePromiseType(program: ts.Program, checker: ts.TypeChecker, type: ts.Type, node: ts.Node, checkThenables: boolean): boolean {
  if (checkThenables) return isThenableType(checker, type, node);
  return isNativePromiseType(program, checker, type);
}

/**
 * True when no call signature of the callee can return a type `accepts` takes: every signature is
 * non-generic and returns a concrete type (not any, unknown, a type parameter or `this`) that
 * `accepts` refuses. Then the call's resolved signature, one of them, returns no such type either,
 * and the caller skips resolving the call: overload resolution checks every argument against every
 * candidate, the largest single cost of floating-promise on real code (typeorm: a third of an edit
 * that re-analyses a class). False when unsure: the caller resolves the call as before.
 */
export function noSignatureReturns(checker: ts.TypeChecker, call: ts.CallExpression, accepts: (type: ts.Type) => boolean): boolean {
  if (call.expression.kind === ts.SyntaxKind.SuperKeyword || call.expression.kind === ts.SyntaxKind.ImportKeyword) return false;
  const signatures = checker.getTypeAtLocation(call.expression).getCallSignatures();
  if (signatures.length === 0) return false;
  return signatures.every((signature) => {
    if (signature.typeParameters?.length) return false;
    const returned = checker.getReturnTypeOfSignature(signature);
    return isConcrete(returned) && !accepts(returned);
  });
}

const UNDECIDED = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Instantiable;

/** A type whose verdict cannot change with the call site: no any/unknown/type parameter at its top or in a union. */
function isConcrete(type: ts.Type): boolean {
  if (type.flags & UNDECIDED) return false;
  if (type.isUnionOrIntersection()) return type.types.every(isConcrete);
  return true;
}

/**
 * Arrays and tuples of promises in floating-promise's sense, also through a union with
 * `undefined` (`list?.map(save)`), a union of arrays, or a type parameter constrained to one.
 */
export function isArrayOfFloatablePromises(program: ts.Program, checker: ts.TypeChecker, type: ts.Type, node: ts.Node, checkThenables: boolean): boolean {
  if (type.flags & ts.TypeFlags.TypeParameter) {
    const constraint = checker.getBaseConstraintOfType(type);
    return !!constraint && constraint !== type && isArrayOfFloatablePromises(program, checker, constraint, node, checkThenables);
  }
  if (type.isUnion()) return type.types.some((part) => isArrayOfFloatablePromises(program, checker, part, node, checkThenables));
  if (!checker.isArrayType(type) && !checker.isTupleType(type)) return false;
  const elementTypes = checker.getTypeArguments(type as ts.TypeReference);
  return elementTypes.some((element) => isFloatablePromiseType(program, checker, element, node, checkThenables));
}
