// The one place that knows where the TypeScript compiler comes from. ts-morph 28 bundles
// TypeScript 6.0; TypeScript 7 has no in-process API. Rules and analysis import `ts` from here,
// so swapping the compiler touches this file only.
export { ts, Project, SourceFile as MorphSourceFile } from 'ts-morph';
export type { ProjectOptions } from 'ts-morph';
