// Is this the platform's Promise, or a user's thenable? The default library's `Promise` (and
// classes or interfaces extending it) has a known set of members and no toString/valueOf/iterator
// of its own; a user class with its own `then` (a reply or query builder, a JS constructor whose
// prototype gets `then` and `Object.defineProperties`) may have anything, so "a promise has no
// member 'x'" or "'[object Promise]' in the string" are only true of the former.
import { ts } from '../compiler';

/**
 * Whether `type` is a native Promise: the default library's `Promise`, a class or interface
 * extending it, a type parameter constrained to one, an intersection with one. For a union:
 * `every` asks whether every part that is not null/undefined/void is one (at least one part);
 * otherwise whether some part is.
 */
export function isNativePromiseType(program: ts.Program, checker: ts.TypeChecker, type: ts.Type, every = false): boolean {
  if (type.isUnion()) {
    const parts = type.types.filter((part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    if (parts.length === 0) return false;
    return every ? parts.every((part) => nativePart(program, checker, part, new Set())) : parts.some((part) => nativePart(program, checker, part, new Set()));
  }
  return nativePart(program, checker, type, new Set());
}

function nativePart(program: ts.Program, checker: ts.TypeChecker, type: ts.Type, seen: Set<ts.Type>): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never) || seen.has(type)) return false;
  seen.add(type);
  if (type.flags & ts.TypeFlags.TypeParameter) {
    const constraint = checker.getBaseConstraintOfType(type);
    return !!constraint && constraint !== type && nativePart(program, checker, constraint, seen);
  }
  if (type.isIntersection()) return type.types.some((part) => nativePart(program, checker, part, seen));
  if (type.isUnion()) return type.types.some((part) => nativePart(program, checker, part, seen));
  const symbol = type.getSymbol();
  if (!symbol) return false;
  if (symbol.name === 'Promise' && (symbol.declarations ?? []).some((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()))) return true;
  if (!(symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface))) return false;
  const target = (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? (type as ts.TypeReference).target : type;
  if (!((target as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)) return false;
  return (checker.getBaseTypes(target as ts.InterfaceType) ?? []).some((base) => nativePart(program, checker, base, seen));
}
