// What kind of source file a node is in.
import { ts } from '../compiler';

/** A JavaScript file (`.js`, `.jsx`, `.mjs`, `.cjs`): untyped code, where the checker's `any` says nothing. */
export function isJavaScriptFile(sourceFile: ts.SourceFile): boolean {
  return /\.[cm]?jsx?$/.test(sourceFile.fileName);
}
