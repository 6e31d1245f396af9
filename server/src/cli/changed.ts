// `--changed [--base <ref>]`: which files changed in git, which other files a change can affect,
// and which of their findings the change caused.
//
// The rule (README, "Use in CI"):
// - Changed: files that differ between the comparison commit and the working tree (committed,
//   staged or not) plus untracked files that .gitignore does not ignore. The comparison commit is
//   the merge base of <ref> and HEAD with --base (as `git diff <ref>...`), else HEAD. Deleted files
//   are ignored. Every finding in a changed file (among the paths given) is reported.
// - Affected: unchanged files among the paths given that import a changed file, directly or
//   through other files, or that a changed file imports, directly or through other files. A change
//   reaches their findings: a helper that now blocks is reported in the file that holds the
//   blocking call, reached from callers anywhere; a helper made async makes its callers' calls float.
// - From an affected file, a finding is reported only if the change caused it: it is analysed
//   twice, with the changed files as they are and as they were at the comparison commit (a new file
//   as empty), and a finding is reported when it has no counterpart (same rule, message and code)
//   in the earlier analysis.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from '../engine/compiler';
import type { Engine, FileReport } from '../engine/engine';
import type { Finding } from '../engine/findings';
import { importedFiles } from '../engine/python/importGraph';
import { isPythonFile, pythonUnavailable } from '../engine/python/parser';

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/** Files whose changes --changed follows through imports (TS/JS, and Python through the project model). */
const CHANGE_SOURCE = /\.(?:[cm]?[jt]s|[jt]sx|py)$/;

export interface GitChanges {
  /** Changed files that exist (absolute paths). */
  changed: Set<string>;
  /** The text of a changed file at the comparison commit; undefined for a file that is new. */
  baseText(file: string): string | undefined;
  /** What the files were compared with, for notes: "HEAD", "the merge base of main and HEAD (abc1234)". */
  comparedWith: string;
}

export class GitError extends Error {}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

function gitStderr(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() ? stderr.trim() : (error as Error).message;
  return text.replace(/^fatal: /, '').split('\n')[0];
}

function splitZ(output: string): string[] {
  return output.split('\0').filter((entry) => entry !== '');
}

/** The changed files of the repository holding `cwd` (see the rule above). Throws GitError with a
 *  message for the user when git is missing, `cwd` is not in a repository or the ref is unknown. */
export function gitChanges(cwd: string, base?: string): GitChanges {
  let root: string;
  try {
    // The root as the working directory spells it (through symlinks), so paths match the files collected.
    root = path.resolve(cwd, git(['rev-parse', '--show-cdup'], cwd).trim() || '.');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new GitError('--changed needs git, which was not found on the PATH. Install git, or run loopguard without --changed.');
    throw new GitError(`--changed: ${cwd} is not in a git repository (git: ${gitStderr(error)}). Run loopguard inside a git working tree, or without --changed.`);
  }
  let compare: string | undefined;
  let comparedWith: string;
  if (base !== undefined) {
    try {
      git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${base}^{commit}`], root);
    } catch {
      throw new GitError(`--base ${base}: git knows no commit, branch or tag of that name. Check the spelling, or fetch it first (e.g. git fetch origin ${base.replace(/^origin\//, '')}).`);
    }
    try {
      compare = git(['merge-base', base, 'HEAD'], root).trim();
    } catch (error) {
      throw new GitError(
        `--base ${base}: no common ancestor with HEAD (git: ${gitStderr(error)}). In a shallow clone, fetch more history (actions/checkout with fetch-depth: 0, or git fetch --unshallow).`,
      );
    }
    comparedWith = `the merge base of ${base} and HEAD (${compare.slice(0, 10)})`;
  } else {
    try {
      git(['rev-parse', '--verify', '--quiet', 'HEAD'], root);
      compare = 'HEAD';
      comparedWith = 'HEAD';
    } catch {
      compare = undefined; // no commit yet: every file is new
      comparedWith = 'an empty repository (no commit yet)';
    }
  }
  const names = compare
    ? splitZ(git(['diff', '--name-only', '--no-renames', '-z', compare, '--'], root))
    : splitZ(git(['ls-files', '-z', '--cached'], root));
  names.push(...splitZ(git(['ls-files', '-z', '--others', '--exclude-standard'], root)));
  const changed = new Set<string>();
  for (const name of names) {
    const absolute = path.resolve(root, name);
    if (isFile(absolute)) changed.add(absolute);
  }
  return {
    changed,
    comparedWith,
    baseText(file) {
      if (!compare) return undefined;
      const relative = path.relative(root, file).split(path.sep).join('/');
      try {
        return git(['show', `${compare}:${relative}`], root);
      } catch {
        return undefined;
      }
    },
  };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The project files a TS/JS file imports: read with ts.preProcessFile and resolved with the file's
 * compiler options, so type-only imports and `import()`/`require()` count too.
 */
export function typescriptImports(file: string, options: ts.CompilerOptions): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const resolved: string[] = [];
  const info = ts.preProcessFile(text, true, true);
  for (const reference of [...info.importedFiles, ...info.referencedFiles]) {
    const target = ts.resolveModuleName(reference.fileName, file, options, ts.sys).resolvedModule;
    if (target && !target.isExternalLibraryImport && SOURCE_FILE.test(target.resolvedFileName) && !target.resolvedFileName.endsWith('.d.ts')) {
      resolved.push(path.resolve(target.resolvedFileName));
    }
  }
  return resolved;
}

/** The imports of a file in either language: TypeScript's resolution, or the Python project model's. */
function importsIn(engine: Engine): (file: string) => string[] {
  return (file) => (isPythonFile(file) ? (pythonUnavailable() === undefined ? importedFiles(engine.pythonProject, file) : []) : typescriptImports(file, engine.host.projectFor(file).options));
}

/**
 * The files of `universe` connected to a changed file by imports: transitive importers of changed
 * files, and transitive imports of changed files. `importsOf` gives a file's imports (project files).
 */
export function affectedFiles(changed: readonly string[], universe: readonly string[], readImports: (file: string) => string[]): Set<string> {
  const imports = new Map<string, string[]>();
  const importsOf = (file: string): string[] => {
    let resolved = imports.get(file);
    if (!resolved) imports.set(file, (resolved = readImports(file)));
    return resolved;
  };
  const inUniverse = new Set(universe);
  const changedSet = new Set(changed);
  const affected = new Set<string>();
  // Imports of changed files, transitively.
  const queue = [...changed];
  const seen = new Set(changed);
  while (queue.length > 0) {
    for (const target of importsOf(queue.pop()!)) {
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
      if (inUniverse.has(target) && !changedSet.has(target)) affected.add(target);
    }
  }
  // Importers of changed files, transitively: the reverse graph over the universe.
  const importers = new Map<string, string[]>();
  for (const file of new Set([...universe, ...changed])) {
    for (const target of importsOf(file)) {
      const list = importers.get(target) ?? [];
      list.push(file);
      importers.set(target, list);
    }
  }
  const up = [...changed];
  const reached = new Set(changed);
  while (up.length > 0) {
    for (const importer of importers.get(up.pop()!) ?? []) {
      if (reached.has(importer)) continue;
      reached.add(importer);
      up.push(importer);
      if (inUniverse.has(importer) && !changedSet.has(importer)) affected.add(importer);
    }
  }
  return affected;
}

/** The key under which a finding before and after the change count as the same one. */
export function changeKey(finding: { fileName: string; ruleId: string; message: string; start: number; end: number }, text: string): string {
  return JSON.stringify([finding.fileName, finding.ruleId, finding.message, text.slice(finding.start, finding.end).replace(/\s+/g, ' ').trim()]);
}

/** Findings of `after` without a counterpart in `before` (as multisets of keys). */
export function newFindings<T>(after: readonly T[], before: readonly string[], keyOf: (item: T) => string): T[] {
  const remaining = new Map<string, number>();
  for (const key of before) remaining.set(key, (remaining.get(key) ?? 0) + 1);
  return after.filter((item) => {
    const key = keyOf(item);
    const count = remaining.get(key) ?? 0;
    if (count === 0) return true;
    remaining.set(key, count - 1);
    return false;
  });
}

export interface ChangedPlan {
  /** The files to analyse: changed ones, then affected ones, in the order given. */
  files: string[];
  /** The findings of a file to report: all of a changed file's, only the new ones of an affected file's. */
  keep(report: FileReport): Finding[];
  /** For standard error: what was compared and how many files were checked. */
  note: string;
}

/**
 * Plans a --changed run over `files` (the files the paths given hold, not excluded; already added
 * to the engine's projects) and runs the "before" analysis of the affected files.
 */
export function planChanged(engine: Engine, files: readonly string[], cwd: string, base?: string): ChangedPlan {
  const changes = gitChanges(cwd, base);
  const changedFiles = files.filter((file) => changes.changed.has(file));
  const changedSources = [...changes.changed].filter((file) => CHANGE_SOURCE.test(file) && !file.endsWith('.d.ts'));
  const affected = affectedFiles(changedSources, files, importsIn(engine));
  const before = new Map<string, string[]>();
  if (affected.size > 0) {
    // The affected files as they were: the changed files' texts at the comparison commit.
    const overlaid: string[] = [];
    try {
      for (const file of changedSources) {
        if (engine.host.hasOverlay(file)) continue;
        engine.host.setOverlay(file, changes.baseText(file) ?? '');
        overlaid.push(file);
      }
      for (const file of affected) {
        const report = engine.analyzeFile(file);
        before.set(file, report.findings.map((finding) => changeKey(finding, report.text)));
      }
    } finally {
      for (const file of overlaid) engine.host.removeOverlay(file);
    }
  }
  const analysed = files.filter((file) => changes.changed.has(file) || affected.has(file));
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  return {
    files: analysed,
    keep(report) {
      const earlier = before.get(report.fileName);
      if (!earlier) return report.findings;
      return newFindings(report.findings, earlier, (finding) => changeKey(finding, report.text));
    },
    note: `--changed: compared with ${changes.comparedWith}: checked ${count(changedFiles.length, 'changed file')} and ${count(affected.size, 'file')} that import${affected.size === 1 ? 's' : ''} or ${affected.size === 1 ? 'is' : 'are'} imported by one (only the findings the change caused are reported from ${affected.size === 1 ? 'it' : 'those'}).`,
  };
}
