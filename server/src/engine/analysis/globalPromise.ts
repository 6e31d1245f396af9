// Whether `Promise` at a place is the platform's global one, not a binding of the project's own.
import { ts } from '../compiler';

/** `Promise` written at `location` would mean a Promise declared only in declaration files (the global one), so a fix may write it. */
export function isGlobalPromiseInScope(checker: ts.TypeChecker, location: ts.Node): boolean {
  const symbol = checker.getSymbolsInScope(location, ts.SymbolFlags.Value).find((candidate) => candidate.name === 'Promise');
  return !!symbol?.declarations?.every((declaration) => declaration.getSourceFile().isDeclarationFile);
}
