// `loopguard --cache`: reuses a file's findings from the last run when nothing they can depend on
// changed, without building a program or asking the type checker anything.
//
// A file's entry is keyed on (see keyFor):
// - the run: cache format, Loop Guard's version and the bundle's own bytes (a rebuilt rule is a
//   changed rule), the TypeScript version, the rule set and the settings in force;
// - its project: the config (path, text, parsed compiler options), the versions of the @types
//   packages it includes automatically, and the texts of the project's files that act on every
//   file: scripts (no import/export: their declarations are global), `declare global` /
//   `declare module` augmentations, and files that start workers (`new Worker(...)` makes another
//   file a worker entry, off the event loop);
// - its text and the texts of every project file it imports, transitively (imports resolved as
//   the compiler resolves them, with the project's options, but without building a program), and
//   for imports of packages the package's name and version;
// - and, when the file's analysis asked a question about the whole program (who calls this
//   function: a blocking call in a synchronous helper is reported where it is, with the event-loop
//   code that reaches it, in any file), the texts of every file of its project.
// Rule failures are never stored. A cache that cannot be read is ignored with a note.
//
// Python files are not cached: every run analyses them. Their findings can depend on any module
// of the Python project (blocking calls reached through helpers in other modules), including
// modules outside the files listed, and the cache has no import graph for Python to key them on;
// parsing a module with tree-sitter costs milliseconds, not the program build the cache saves.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from '../engine/compiler';
import type { Engine } from '../engine/engine';
import { ProjectEntry, errorMessage } from '../engine/host/projectHost';
import { isDirectory } from '../engine/host/fileSystem';
import { projectWideReads } from '../engine/analysis/projectReads';
import { isPythonFile } from '../engine/python/parser';
import type { LocatedFinding } from './formatters';
import type { BaselineOutcome } from '../engine/baseline';

declare const LOOPGUARD_VERSION: string;

export const CACHE_FILE_NAME = '.loopguardcache';
const FORMAT = 'loopguard-cache';
const FORMAT_VERSION = 1;

/** `--cache-location`: a file, or a folder (existing, or written with a trailing slash) that gets `.loopguardcache`. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(cwd, CACHE_FILE_NAME);
  const absolute = path.resolve(cwd, location);
  return /[\\/]$/.test(location) || isDirectory(absolute) ? path.join(absolute, CACHE_FILE_NAME) : absolute;
}

type StoredFinding = Omit<LocatedFinding, 'fixes' | 'file'>;

interface Entry {
  key: string;
  /** Set when the findings depend on every file of the project: the fingerprint of their texts. */
  projectWide?: string;
  findings: StoredFinding[];
  notes: string[];
  /** What the baseline did (stale entries are reported from it), when a suppressions file applies. */
  baseline?: BaselineOutcome;
}

interface CacheFile {
  format: typeof FORMAT;
  version: number;
  run: string;
  entries: Record<string, Entry>;
}

export interface CachedReport {
  findings: LocatedFinding[];
  notes: string[];
  baseline?: BaselineOutcome;
}

export class FindingsCache {
  hits = 0;
  misses = 0;
  private readonly entries: Record<string, Entry>;
  private readonly graph = new DependencyGraph();
  private readonly run: string;
  private readonly keys = new Map<string, string>();

  constructor(
    readonly file: string,
    private readonly engine: Engine,
    private readonly cwd: string,
    private readonly notes: string[],
  ) {
    this.run = runFingerprint(engine);
    this.entries = this.load();
  }

  /** The findings stored for the file if nothing they depend on changed. */
  lookup(fileName: string): CachedReport | undefined {
    if (isPythonFile(fileName)) return undefined;
    const entry = this.entries[fileName];
    const key = this.keyFor(fileName);
    if (entry && key !== undefined && entry.key === key && (entry.projectWide === undefined || entry.projectWide === this.projectWideFingerprint(fileName))) {
      this.hits++;
      const file = path.relative(this.cwd, fileName).split(path.sep).join('/');
      return { findings: entry.findings.map((finding) => ({ ...finding, file, fixes: [] })), notes: entry.notes, ...(entry.baseline ? { baseline: entry.baseline } : {}) };
    }
    this.misses++;
    return undefined;
  }

  /** Call before analysing a missed file; hand the result to store(). */
  begin(): number {
    return projectWideReads();
  }

  store(fileName: string, begun: number, analysedText: string, findings: LocatedFinding[], notes: string[], failed: boolean, baseline?: BaselineOutcome): void {
    if (isPythonFile(fileName)) return;
    const key = this.keyFor(fileName);
    // A rule failure means missing findings; a file that changed while it was analysed does not match its key.
    if (failed || key === undefined || hash(analysedText) !== this.graph.hash(fileName)) {
      delete this.entries[fileName];
      return;
    }
    const stored = findings.map(({ fixes: _fixes, file: _file, ...rest }) => rest);
    this.entries[fileName] = {
      key,
      ...(projectWideReads() !== begun ? { projectWide: this.projectWideFingerprint(fileName) } : {}),
      findings: stored,
      notes,
      ...(baseline?.suppressionsFile ? { baseline } : {}),
    };
  }

  /** Written atomically (a temporary file renamed over the cache); a failure is a note, never an error. */
  save(): void {
    for (const fileName of Object.keys(this.entries)) if (!this.keys.has(fileName) && !fs.existsSync(fileName)) delete this.entries[fileName];
    const data: CacheFile = { format: FORMAT, version: FORMAT_VERSION, run: this.run, entries: this.entries };
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, JSON.stringify(data));
      fs.renameSync(temporary, this.file);
    } catch (error) {
      try {
        fs.rmSync(temporary, { force: true });
      } catch {
        // nothing more to do
      }
      this.notes.push(`could not write the cache ${this.display()} (${errorMessage(error)}); the next run starts without it. Choose another place with --cache-location.`);
    }
  }

  private load(): Record<string, Entry> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.notes.push(`could not read the cache ${this.display()} (${errorMessage(error)}); checking every file.`);
      return {};
    }
    let data: Partial<CacheFile> | undefined;
    try {
      data = JSON.parse(text) as Partial<CacheFile>;
    } catch {
      data = undefined;
    }
    if (!data || typeof data !== 'object' || data.format !== FORMAT || typeof data.entries !== 'object' || data.entries === null) {
      this.notes.push(`${this.display()} is not a Loop Guard cache (or is damaged): ignored, checking every file; it is rewritten at the end of this run.`);
      return {};
    }
    // Another version, rule set or settings: every key differs, start afresh.
    if (data.version !== FORMAT_VERSION || data.run !== this.run) return {};
    return data.entries;
  }

  private display(): string {
    const relative = path.relative(this.cwd, this.file);
    return relative && !relative.startsWith('..') ? relative : this.file;
  }

  private keyFor(fileName: string): string | undefined {
    let key = this.keys.get(fileName);
    if (key === undefined) {
      if (this.graph.hash(fileName) === MISSING) return undefined;
      const entry = this.engine.host.projectFor(fileName);
      const digest = crypto.createHash('sha256');
      digest.update(`${this.run}\0${this.projectFingerprint(entry)}\0`);
      // The loopguard.json in force (extends and overrides applied) and the baseline that applies.
      digest.update(`config=${this.engine.configFor(fileName)?.fingerprint ?? ''}\0`);
      const suppressions = this.engine.baselines.fileFor(fileName);
      if (suppressions) digest.update(`suppressions=${suppressions}=${this.graph.hash(suppressions)}\0`);
      for (const id of this.graph.closure(fileName, entry)) digest.update(`${id}=${this.graph.idHash(id)}\0`);
      key = digest.digest('hex');
      this.keys.set(fileName, key);
    }
    return key;
  }

  private readonly projects = new Map<string, { fingerprint: string; projectWide: string }>();

  private projectFingerprint(entry: ProjectEntry): string {
    return this.projectSummary(entry).fingerprint;
  }

  private projectWideFingerprint(fileName: string): string {
    return this.projectSummary(this.engine.host.projectFor(fileName)).projectWide;
  }

  private projectSummary(entry: ProjectEntry): { fingerprint: string; projectWide: string } {
    let summary = this.projects.get(entry.key);
    if (summary) return summary;
    const files = new Set<string>();
    for (const root of entry.rootNames) for (const id of this.graph.closure(root, entry)) files.add(id);
    const sorted = [...files].sort();
    const fingerprint = crypto.createHash('sha256');
    fingerprint.update(`${entry.key}\0${entry.configPath ?? ''}\0${entry.configPath ? this.graph.hash(entry.configPath) : ''}\0${JSON.stringify(entry.options)}\0`);
    for (const types of typePackages(entry)) fingerprint.update(`types:${types}\0`);
    const projectWide = crypto.createHash('sha256');
    for (const id of sorted) {
      const idHash = this.graph.idHash(id);
      projectWide.update(`${id}=${idHash}\0`);
      const text = this.graph.text(id);
      if (text !== undefined && actsOnEveryFile(text)) fingerprint.update(`${id}=${idHash}\0`);
    }
    summary = { fingerprint: fingerprint.digest('hex'), projectWide: projectWide.digest('hex') };
    this.projects.set(entry.key, summary);
    return summary;
  }
}

const MISSING = 'missing';
const PACKAGE = 'package:';

function hash(text: string | Uint8Array): string {
  return crypto.createHash('sha1').update(text).digest('hex');
}

/** Declarations visible in every file, or a worker started (which takes another file off the event loop). */
function actsOnEveryFile(text: string): boolean {
  const isModule = /^[ \t]*(?:import|export)\b|\brequire\s*\(|\bmodule\.exports\b|^[ \t]*exports\./m.test(text);
  return !isModule || /\bdeclare\s+(?:global\b|module\s+['"])/.test(text) || text.includes('Worker(');
}

/** The run's fingerprint: what every file's findings depend on. */
function runFingerprint(engine: Engine): string {
  let build = '';
  try {
    // The bundle itself: a rebuilt rule (same version number in development) is a changed rule.
    build = hash(fs.readFileSync(__filename));
  } catch {
    build = 'unknown';
  }
  return hash(
    JSON.stringify({
      format: FORMAT_VERSION,
      loopguard: LOOPGUARD_VERSION,
      build,
      typescript: ts.version,
      rules: engine.ruleIds,
      // The base settings (--rule, --only, --exclude); each file's loopguard.json is in its own key.
      settings: engine.getSettings(),
      faults: process.env.LOOPGUARD_TEST_FAIL_RULE ?? '',
    }),
  );
}

/** Every package under the project's type roots (the compiler includes them all with `types: ['*']`), with its version. */
function typePackages(entry: ProjectEntry): string[] {
  const roots = entry.options.typeRoots ?? defaultTypeRoots(entry);
  const found: string[] = [];
  for (const root of roots) {
    let names: string[];
    try {
      names = fs.readdirSync(root);
    } catch {
      continue;
    }
    for (const name of names.sort()) found.push(`${path.join(root, name)}@${packageVersion(path.join(root, name))}`);
  }
  return found;
}

function defaultTypeRoots(entry: ProjectEntry): string[] {
  const start = entry.configPath ? path.dirname(entry.configPath) : entry.key.startsWith('<inferred>') && entry.key.length > '<inferred>'.length ? entry.key.slice('<inferred>'.length) : process.cwd();
  const roots: string[] = [];
  for (let directory = start; ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, 'node_modules', '@types');
    if (isDirectory(candidate)) roots.push(candidate);
    if (path.dirname(directory) === directory) return roots;
  }
}

const versions = new Map<string, string>();
function packageVersion(directory: string): string {
  let version = versions.get(directory);
  if (version === undefined) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')) as { name?: string; version?: string };
      version = `${manifest.name ?? ''}@${manifest.version ?? ''}`;
    } catch {
      version = MISSING;
    }
    versions.set(directory, version);
  }
  return version;
}

/** The package folder holding a file under node_modules (`node_modules/pkg`, `node_modules/@scope/pkg`). */
function packageFolderOf(fileName: string): string | undefined {
  const parts = fileName.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const end = parts[at + 1].startsWith('@') ? at + 3 : at + 2;
  return parts.slice(0, end).join('/');
}

/**
 * The import graph of the project files, found without a program: `ts.preProcessFile` lists a
 * file's imports, `ts.resolveModuleName` resolves them with the project's options. Every text is
 * read and hashed once per run.
 */
class DependencyGraph {
  private readonly texts = new Map<string, string | undefined>();
  private readonly hashes = new Map<string, string>();
  private readonly direct = new Map<string, string[]>();
  private readonly closures = new Map<string, string[]>();
  private readonly resolutionCaches = new Map<string, ts.ModuleResolutionCache>();

  text(fileName: string): string | undefined {
    if (fileName.startsWith(PACKAGE)) return undefined;
    if (!this.texts.has(fileName)) {
      let text: string | undefined;
      try {
        text = ts.sys.readFile(fileName);
      } catch {
        text = undefined;
      }
      this.texts.set(fileName, text);
    }
    return this.texts.get(fileName);
  }

  hash(fileName: string): string {
    let result = this.hashes.get(fileName);
    if (result === undefined) {
      const text = this.text(fileName);
      result = text === undefined ? MISSING : hash(text);
      this.hashes.set(fileName, result);
    }
    return result;
  }

  /** A file's text hash, or a package's version. */
  idHash(id: string): string {
    return id.startsWith(PACKAGE) ? packageVersion(id.slice(PACKAGE.length)) : this.hash(id);
  }

  /** The file and everything it imports transitively: project files by path, packages as `package:<folder>`; sorted. */
  closure(fileName: string, entry: ProjectEntry): string[] {
    const memo = `${entry.key}\0${fileName}`;
    let found = this.closures.get(memo);
    if (found) return found;
    const seen = new Set<string>([fileName]);
    const stack = [fileName];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current.startsWith(PACKAGE)) continue;
      for (const dependency of this.dependencies(current, entry)) {
        if (!seen.has(dependency)) {
          seen.add(dependency);
          stack.push(dependency);
        }
      }
    }
    found = [...seen].sort();
    this.closures.set(memo, found);
    return found;
  }

  private dependencies(fileName: string, entry: ProjectEntry): string[] {
    const memo = `${entry.key}\0${fileName}`;
    let found = this.direct.get(memo);
    if (found) return found;
    const text = this.text(fileName);
    const result = new Set<string>();
    if (text !== undefined) {
      const options = entry.options;
      let cache = this.resolutionCaches.get(entry.key);
      if (!cache) {
        cache = ts.createModuleResolutionCache(entry.configPath ? path.dirname(entry.configPath) : process.cwd(), (name) => (ts.sys.useCaseSensitiveFileNames ? name : name.toLowerCase()), options);
        this.resolutionCaches.set(entry.key, cache);
      }
      const info = ts.preProcessFile(text, true, true);
      const specifiers = new Set(info.importedFiles.map((file) => file.fileName));
      // `import('./x')` types in JSDoc comments (JavaScript checked with types), which the pre-processor does not see.
      for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.add(match[1]);
      const add = (resolved: string | undefined, external: boolean | undefined, unresolved: string): void => {
        if (!resolved) result.add(`unresolved:${unresolved}`);
        else {
          const packageFolder = packageFolderOf(resolved);
          if (packageFolder && (external ?? true)) result.add(`${PACKAGE}${packageFolder}`);
          else result.add(path.resolve(resolved));
        }
      };
      for (const specifier of specifiers) {
        // The mode (import or require) changes the resolution under node16/nodenext: both count.
        for (const mode of [ts.ModuleKind.ESNext, ts.ModuleKind.CommonJS] as const) {
          const resolved = ts.resolveModuleName(specifier, fileName, options, ts.sys, cache, undefined, mode).resolvedModule;
          add(resolved?.resolvedFileName, resolved?.isExternalLibraryImport, specifier);
        }
      }
      for (const reference of info.referencedFiles) add(path.resolve(path.dirname(fileName), reference.fileName), false, reference.fileName);
      for (const reference of info.typeReferenceDirectives) {
        const resolved = ts.resolveTypeReferenceDirective(reference.fileName, fileName, options, ts.sys).resolvedTypeReferenceDirective;
        add(resolved?.resolvedFileName, resolved?.isExternalLibraryImport, `types:${reference.fileName}`);
      }
    }
    result.delete(fileName);
    found = [...result];
    this.direct.set(memo, found);
    return found;
  }
}
