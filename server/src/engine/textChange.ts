// The one span where two texts of a file differ (common prefix and suffix kept): what incremental
// parsers take (TypeScript's updateSourceFile, tree-sitter's Tree.edit).

export interface ChangedSpan {
  /** Where the texts start to differ. */
  start: number;
  /** Where the changed part ends in the old text, and in the new one. */
  oldEnd: number;
  newEnd: number;
}

export function changedSpan(before: string, after: string): ChangedSpan {
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}
