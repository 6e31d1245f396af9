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
  /** Paths that do not exist or cannot be read: the CLI exits 2 for these. */
  missing: string[];
  notes: string[];
}

interface IgnoreScope {
  directory: string;
  rules: Ignore;
}

export function collectFiles(inputs: string[], cwd: string): FileCollection {
  const files = new Set<string>();
  const missing: string[] = [];
  const notes: string[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isFile()) {
      if (SOURCE_FILE.test(absolute) && !absolute.endsWith('.d.ts')) files.add(absolute);
      else notes.push(`${input}: not a JavaScript or TypeScript file; skipped.`);
    } else if (stat.isDirectory()) {
      walk(absolute, ancestorIgnores(absolute), files, notes);
    }
  }
  return { files: [...files].sort(), missing, notes };
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
  const active = own ? [...scopes, own] : scopes;
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
