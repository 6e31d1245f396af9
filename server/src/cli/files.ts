// Which files a CLI run checks: the given files, and the JS/TS files below the given folders,
// skipping node_modules, .git and whatever .gitignore files ignore, and (unless asked) folders of
// build output. Symlinked folders are not followed, so a symlink loop cannot trap the walk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { Ignore } from 'ignore';
import { ts } from '../engine/compiler';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx|py)$/;

export interface FileCollection {
  files: string[];
  /** Given paths that do not exist: the CLI exits 2 for these. */
  missing: string[];
  /** Given paths that exist but cannot be read: the CLI exits 2 for these too. Files and folders
   *  found inside a given folder that cannot be read are only skipped with a note. */
  unreadable: { path: string; reason: string }[];
  notes: string[];
  /** Folders skipped as build output (see isBuildOutput), absolute. */
  buildOutput: string[];
}

interface IgnoreScope {
  directory: string;
  rules: Ignore;
}

export interface CollectOptions {
  /** Whether .gitignore files above a given folder apply (the CLI: yes, as in git; the editor's
   *  Scan Workspace: no, like VS Code's search without search.useParentIgnoreFiles, so a folder
   *  opened from inside an ignored folder of a bigger repository is still scanned). */
  parentIgnores?: boolean;
  /** Walk folders of build output too (the CLI's --include-build-output). */
  includeBuildOutput?: boolean;
  /** How the user includes build output, for the note (default: the CLI flag). */
  includeBuildOutputHint?: string;
}

/** State of one walk. */
interface Walk {
  files: Set<string>;
  notes: string[];
  includeBuildOutput: boolean;
  /** Folders that a tsconfig/jsconfig met on the way names as outDir or declarationDir. */
  outDirs: Set<string>;
  buildOutput: string[];
}

export function collectFiles(
  inputs: string[],
  cwd: string,
  { parentIgnores = true, includeBuildOutput = false, includeBuildOutputHint = 'pass --include-build-output to check them' }: CollectOptions = {},
): FileCollection {
  const files = new Set<string>();
  const missing: string[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  const notes: string[] = [];
  const state: Walk = { files, notes, includeBuildOutput, outDirs: new Set(), buildOutput: [] };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(input);
      else unreadable.push({ path: input, reason: code ?? 'error' });
      continue;
    }
    if (stat.isFile()) {
      if (!SOURCE_FILE.test(absolute) || absolute.endsWith('.d.ts')) {
        notes.push(`${input}: not a JavaScript or TypeScript file; skipped.`);
        continue;
      }
      const problem = accessProblem(absolute, fs.constants.R_OK);
      if (problem) unreadable.push({ path: input, reason: problem });
      else files.add(absolute);
    } else if (stat.isDirectory()) {
      const problem = accessProblem(absolute, fs.constants.R_OK | fs.constants.X_OK);
      if (problem) unreadable.push({ path: input, reason: problem });
      else walk(absolute, parentIgnores ? ancestorIgnores(absolute) : [], state, true);
    } else {
      notes.push(`${input}: not a regular file or folder; skipped.`);
    }
  }
  if (state.buildOutput.length > 0) {
    const shown = state.buildOutput.map((folder) => {
      const relative = path.relative(cwd, folder).split(path.sep).join('/');
      return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : folder;
    });
    notes.push(
      `skipped ${shown.length === 1 ? 'a folder' : `${shown.length} folders`} of build output (.js files beside .d.ts or .js.map files, or a tsconfig's outDir): ${shown.join(', ')}; ${includeBuildOutputHint}.`,
    );
  }
  return { files: [...files].sort(), missing, unreadable, notes, buildOutput: state.buildOutput };
}

const CONFIG_FILES = ['tsconfig.json', 'jsconfig.json'];
const JS_OUTPUT = /^(.*)\.([cm]?)js$/;

/**
 * Build output: every .js file of the folder has its declaration file or source map beside it
 * (x.js with x.d.ts or x.js.map), as tsc and bundlers emit them. A package's own folder (it holds
 * package.json) whose JavaScript has hand-written .d.ts files beside it is source: it counts only
 * when a source map is there too.
 */
function isBuildOutput(entries: fs.Dirent[]): boolean {
  const names = new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name));
  let outputs = 0;
  let maps = 0;
  for (const name of names) {
    const match = JS_OUTPUT.exec(name);
    if (!match) continue;
    const [, base, flavour] = match;
    const map = names.has(`${name}.map`);
    if (!map && !names.has(`${base}.d.${flavour}ts`)) return false;
    outputs++;
    if (map) maps++;
  }
  return outputs > 0 && (maps > 0 || !names.has('package.json'));
}

/** The outDir and declarationDir a config names (read as written; `extends` is not followed). */
function configOutDirs(directory: string, name: string): string[] {
  try {
    const { config } = ts.parseConfigFileTextToJson(name, fs.readFileSync(path.join(directory, name), 'utf8'));
    const options = config?.compilerOptions ?? {};
    return [options.outDir, options.declarationDir]
      .filter((dir): dir is string => typeof dir === 'string' && dir.trim() !== '')
      .map((dir) => path.resolve(directory, dir))
      .filter((dir) => dir !== directory && !directory.startsWith(dir + path.sep));
  } catch {
    return [];
  }
}

function accessProblem(file: string, mode: number): string | undefined {
  try {
    fs.accessSync(file, mode);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'error';
  }
}

function walk(directory: string, scopes: IgnoreScope[], state: Walk, given = false): void {
  const { files, notes } = state;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    notes.push(`${directory}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); skipped.`);
    return;
  }
  // A folder the user named is checked whatever it holds; below it, build output is skipped.
  if (!given && !state.includeBuildOutput && (state.outDirs.has(directory) || isBuildOutput(entries))) {
    state.buildOutput.push(directory);
    return;
  }
  for (const entry of entries) {
    if (entry.isFile() && CONFIG_FILES.includes(entry.name)) for (const dir of configOutDirs(directory, entry.name)) state.outDirs.add(dir);
  }
  const own = readIgnoreFile(directory);
  // A folder holding .git is a repository of its own: ignore files above it do not apply (as in git).
  const inherited = entries.some((entry) => entry.name === '.git') ? [] : scopes;
  const active = own ? [...inherited, own] : inherited;
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(active, full, true)) continue;
      walk(full, active, state);
    } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts') && !isIgnored(active, full, false)) {
      files.add(full);
    }
  }
}

/** .gitignore files between the repository root (or file system root) and the starting folder apply too. */
function ancestorIgnores(start: string): IgnoreScope[] {
  const scopes: IgnoreScope[] = [];
  if (fs.existsSync(path.join(start, '.git'))) return scopes;
  let directory = path.dirname(start);
  for (;;) {
    const scope = readIgnoreFile(directory);
    if (scope) scopes.unshift(scope);
    if (fs.existsSync(path.join(directory, '.git'))) break;
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return scopes;
}

function readIgnoreFile(directory: string): IgnoreScope | undefined {
  try {
    const text = fs.readFileSync(path.join(directory, '.gitignore'), 'utf8');
    return { directory, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function isIgnored(scopes: IgnoreScope[], full: string, isDirectory: boolean): boolean {
  return scopes.some((scope) => {
    const relative = path.relative(scope.directory, full).split(path.sep).join('/');
    if (!relative || relative.startsWith('..')) return false;
    return scope.rules.ignores(isDirectory ? `${relative}/` : relative);
  });
}
