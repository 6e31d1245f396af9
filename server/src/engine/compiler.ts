// The one place that knows where the TypeScript compiler comes from. ts-morph 28 bundles
// TypeScript 6.0 (in @ts-morph/common, with the standard lib .d.ts files as in-memory text);
// TypeScript 7 has no in-process API. The engine builds its programs with this `ts` directly
// (host/projectHost.ts); rules and analysis import `ts` from here, so swapping the compiler
// touches this file only.
import { getLibFiles, libFolderInMemoryPath, ts as compilerApi } from '@ts-morph/common';

// A plain binding, read once: re-exporting the import would make every `ts.x` in the bundle go
// through esbuild's interop getter (a keyed lookup per access, ~3% of a CLI run on typeorm).
export import ts = compilerApi;

/** Where the standard lib .d.ts files live for the compiler: a virtual folder, served from memory. */
export const LIB_FOLDER = libFolderInMemoryPath;

let libTexts: Map<string, string> | undefined;
/** The standard lib files by full path (`LIB_FOLDER/lib.es2022.d.ts`...), loaded on first use. */
export function libFileTexts(): ReadonlyMap<string, string> {
  libTexts ??= new Map(getLibFiles().map((file: { fileName: string; text: string }) => [`${LIB_FOLDER}/${file.fileName}`, file.text]));
  return libTexts;
}
