// Which files a CLI run checks: the given files, and the JS/TS files below the given folders,
// skipping node_modules, .git and whatever .gitignore files ignore. Symlinked folders are not
// followed, so a symlink loop cannot trap the walk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { Ignore } from 'ignore';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export interface FileCollection {
  files: string[];
  /** Given paths that do not exist: the CLI exits 2 for these. */
  missing: string[];
  /** Given paths that exist but cannot be read: the CLI exits 2 for these too. Files and folders
   *  found inside a given folder that cannot be read are only skipped with a note. */
  unreadable: { path: string; reason: string }[];
  notes: string[];
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
}

export function collectFiles(inputs: string[], cwd: string, { parentIgnores = true }: CollectOptions = {}): FileCollection {
  const files = new Set<string>();
  const missing: string[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  const notes: string[] = [];
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
      else walk(absolute, parentIgnores ? ancestorIgnores(absolute) : [], files, notes);
    } else {
      notes.push(`${input}: not a regular file or folder; skipped.`);
    }
  }
  return { files: [...files].sort(), missing, unreadable, notes };
}

function accessProblem(file: string, mode: number): string | undefined {
  try {
    fs.accessSync(file, mode);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'error';
  }
}

function walk(directory: string, scopes: IgnoreScope[], files: Set<string>, notes: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    notes.push(`${directory}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); skipped.`);
    return;
  }
  const own = readIgnoreFile(directory);
  // A folder holding .git is a repository of its own: ignore files above it do not apply (as in git).
  const inherited = entries.some((entry) => entry.name === '.git') ? [] : scopes;
  const active = own ? [...inherited, own] : inherited;
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(active, full, true)) continue;
      walk(full, active, files, notes);
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
