// The CLI's side of the baseline (engine/baseline.ts): checks the suppressions files before a run,
// reports stale entries, and writes the file for --suppress-all, --suppress-rule and
// --prune-suppressions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BaselineOutcome,
  RuleCounts,
  SUPPRESSIONS_FILE,
  SuppressionsError,
  SuppressionsFile,
  describeError,
  entryPath,
  isSuppressionsError,
  staleFinding,
  writeSuppressions,
} from '../engine/baseline';
import type { Engine } from '../engine/engine';
import { LocatedFinding, locate } from './formatters';
import { displayPath } from './paths';

export type SuppressMode = { kind: 'all' } | { kind: 'rule'; ruleId: string } | { kind: 'prune' };

export interface AnalysedFile {
  fileName: string;
  baseline?: BaselineOutcome;
}

/** The suppressions files that apply to the listed files and cannot be used: the run stops (exit 2). */
export function suppressionsProblems(engine: Engine, files: readonly string[], cwd: string): string | undefined {
  const errors = new Map<string, SuppressionsError>();
  for (const suppressionsFile of new Set(files.map((file) => engine.baselines.fileFor(file)))) {
    if (!suppressionsFile) continue;
    const loaded = engine.baselines.load(suppressionsFile);
    if (isSuppressionsError(loaded)) errors.set(suppressionsFile, loaded);
  }
  if (errors.size === 0) return undefined;
  const lines = [...errors.values()].map((error) => describeError({ ...error, path: displayPath(error.path, cwd) }));
  return `${lines.join('\n')}\nFix the suppressions file (or delete it and run loopguard --suppress-all to write it again).`;
}

/**
 * Stale entries as hint findings on the suppressions files: counts larger than what the analysed
 * files still have, and entries of files that no longer exist below the checked paths.
 */
export function staleFindings(engine: Engine, analysed: readonly AnalysedFile[], checkedPaths: readonly string[], cwd: string): LocatedFinding[] {
  const result: LocatedFinding[] = [];
  for (const { baseline } of analysed) {
    const first = baseline?.stale[0];
    if (!first) continue;
    const loaded = engine.baselines.load(first.fileName);
    if (!isSuppressionsError(loaded)) result.push(...locate(baseline.stale, loaded.text, cwd));
  }
  for (const file of suppressionsFilesInPlay(engine, analysed)) {
    for (const entry of missingEntries(file, checkedPaths, cwd)) {
      result.push(...locate([staleFinding(file, entry, '', undefined, 0, 0)], file.text, cwd));
    }
  }
  return result.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** Writes the suppressions files for --suppress-all / --suppress-rule / --prune-suppressions; returns the summary. */
export function updateSuppressions(mode: SuppressMode, engine: Engine, analysed: readonly AnalysedFile[], checkedPaths: readonly string[], cwd: string): { summary: string; notes: string[] } {
  const notes: string[] = [];
  const targets = new Map<string, { file: Map<string, RuleCounts>; before: number; touched: Set<string> }>();
  const target = (suppressionsFile: string) => {
    let entry = targets.get(suppressionsFile);
    if (!entry) {
      const loaded = fs.existsSync(suppressionsFile) ? engine.baselines.load(suppressionsFile) : undefined;
      const file = loaded && !isSuppressionsError(loaded) ? cloneFiles(loaded.files) : new Map<string, RuleCounts>();
      entry = { file, before: total(file), touched: new Set() };
      targets.set(suppressionsFile, entry);
    }
    return entry;
  };
  const newFile = path.join(cwd, SUPPRESSIONS_FILE);
  for (const { fileName, baseline } of analysed) {
    if (!baseline) continue;
    let suppressionsFile = baseline.suppressionsFile;
    if (!suppressionsFile) {
      if (mode.kind === 'prune' || baseline.found.length === 0) continue;
      if (!isInside(fileName, cwd)) {
        notes.push(`${fileName}: not suppressed, no ${SUPPRESSIONS_FILE} applies to it and it is outside the current folder; run --suppress-all from a folder above it.`);
        continue;
      }
      suppressionsFile = newFile;
    }
    const { file, touched } = target(suppressionsFile);
    const entry = entryPath(suppressionsFile, fileName);
    const old = file.get(entry) ?? new Map<string, Map<string, number>>();
    const found = countFound(baseline);
    const judged = new Set(baseline.judged);
    const next: RuleCounts = new Map();
    for (const [ruleId, keys] of old) {
      if (mode.kind === 'prune' && judged.has(ruleId)) {
        const pruned = new Map([...keys].map(([key, count]) => [key, Math.min(count, found.get(ruleId)?.get(key) ?? 0)] as [string, number]));
        next.set(ruleId, pruned);
      } else if (mode.kind === 'all' ? !judged.has(ruleId) : mode.kind === 'prune' || ruleId !== mode.ruleId) {
        next.set(ruleId, keys);
      }
    }
    if (mode.kind !== 'prune') {
      for (const [ruleId, keys] of found) if (mode.kind === 'all' || ruleId === mode.ruleId) next.set(ruleId, keys);
    }
    file.set(entry, next);
    touched.add(entry);
  }
  if (mode.kind === 'prune') {
    for (const loaded of suppressionsFilesInPlay(engine, analysed)) {
      const { file } = target(loaded.path);
      for (const entry of missingEntries(loaded, checkedPaths, cwd)) file.delete(entry);
    }
  }
  const parts: string[] = [];
  for (const [suppressionsFile, { file, before, touched }] of targets) {
    const after = total(file);
    if (mode.kind === 'prune' && after === before) continue;
    writeSuppressions(suppressionsFile, file);
    if (mode.kind === 'prune') {
      parts.push(`dropped ${before - after} suppression${before - after === 1 ? '' : 's'} that matched nothing from ${displayPath(suppressionsFile, cwd)}`);
    } else {
      const counted = [...touched].map((entry) => total(new Map([[entry, file.get(entry) ?? new Map()]]))).filter((count) => count > 0);
      const problems = counted.reduce((sum, count) => sum + count, 0);
      parts.push(`${problems} problem${problems === 1 ? '' : 's'} in ${counted.length} file${counted.length === 1 ? '' : 's'} suppressed in ${displayPath(suppressionsFile, cwd)}`);
    }
  }
  engine.baselines.changed();
  if (parts.length === 0) {
    return { summary: mode.kind === 'prune' ? 'Nothing to prune: every suppression still matches a problem.' : 'No problems to suppress.', notes };
  }
  const after = mode.kind === 'prune' ? '.' : '. Commit the file: later runs, and the editor, report only new problems.';
  return { summary: `${capitalise(parts.join('; '))}${after}`, notes };
}

function countFound(outcome: BaselineOutcome): RuleCounts {
  const counts: RuleCounts = new Map();
  for (const { ruleId, key } of outcome.found) {
    const keys = counts.get(ruleId) ?? new Map<string, number>();
    keys.set(key, (keys.get(key) ?? 0) + 1);
    counts.set(ruleId, keys);
  }
  return counts;
}

/** The suppressions files that apply to the analysed files and could be read. */
function suppressionsFilesInPlay(engine: Engine, analysed: readonly AnalysedFile[]): SuppressionsFile[] {
  const result: SuppressionsFile[] = [];
  for (const suppressionsFile of new Set(analysed.map(({ baseline }) => baseline?.suppressionsFile))) {
    if (!suppressionsFile) continue;
    const loaded = engine.baselines.load(suppressionsFile);
    if (!isSuppressionsError(loaded)) result.push(loaded);
  }
  return result;
}

/** Entries of files that no longer exist, below the paths the run checked (others are not judged). */
function missingEntries(file: SuppressionsFile, checkedPaths: readonly string[], cwd: string): string[] {
  const folder = path.dirname(file.path);
  const roots = checkedPaths.map((checked) => path.resolve(cwd, checked));
  return [...file.files.keys()].filter((entry) => {
    const fileName = path.resolve(folder, entry);
    return !fs.existsSync(fileName) && roots.some((root) => fileName === root || isInside(fileName, root));
  });
}

function cloneFiles(files: Map<string, RuleCounts>): Map<string, RuleCounts> {
  return new Map([...files].map(([entry, rules]) => [entry, new Map([...rules].map(([ruleId, keys]) => [ruleId, new Map(keys)]))]));
}

function total(files: Map<string, RuleCounts>): number {
  let sum = 0;
  for (const rules of files.values()) for (const keys of rules.values()) for (const count of keys.values()) sum += count;
  return sum;
}

function isInside(fileName: string, folder: string): boolean {
  const relative = path.relative(folder, fileName);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
