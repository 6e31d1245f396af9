// The Python project model: which project a file belongs to (nearest pyproject.toml, setup.cfg or
// setup.py, else the engine's root), its source roots (the root and a `src/` layout), the dotted
// module name of a file (regular packages with `__init__.py` and namespace packages without), and
// what a qualified name (`pkg.helpers.load`) denotes in the project: the module file and its `def`,
// followed through `__init__.py` re-exports, import aliases and `name = other` assignments.
//
// Modules are parsed once per text: the texts come from the engine's host (the editor's overlay) or
// the disk, and a module whose text did not change keeps its tree, its name table and whatever the
// rules derived from it (`derived`), so an edit re-parses only the edited file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ModuleNames } from './names';
import type { SyntaxNode, Tree } from './parser';
import type { PythonModule } from './rule';

export interface ResolvedDefinition {
  fileName: string;
  /** The `function_definition` or `class_definition` node. */
  node: SyntaxNode;
  module: PythonModule;
}

export interface ModuleName {
  moduleName: string;
  isPackage: boolean;
}

const PROJECT_MARKERS = ['pyproject.toml', 'setup.cfg', 'setup.py'];
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface CachedModule {
  text: string;
  module: PythonModule;
  /** Per-module facts computed by analyses (call summaries...), dropped with the text. */
  derived: Map<string, unknown>;
}

export interface PythonProjectOptions {
  /** The workspace folder (the engine's root): the project root when no marker file is found. */
  root?: string;
  /** The editor's text of a file, when it has one. */
  textOf(fileName: string): string | undefined;
  /** Parses a file's text (incrementally from its previous tree). The tree stays valid until the file is parsed again. */
  parse(fileName: string, text: string): Tree;
  /** A counter of text changes (editor overlays, files changed on disk) the host has seen: when it moves, cached modules are checked against their current texts. */
  changes?(): number;
  /** The same counter for one file. */
  changesIn?(fileName: string): number;
}

/** Module changes remembered for `modulesChangedSince` (an edit makes one; a project's first load makes one per module). */
const MAX_CHANGE_LOG = 4096;

export class PythonProject {
  private readonly modules = new Map<string, CachedModule>();
  private readonly diskTexts = new Map<string, { mtimeMs: number; size: number; text: string }>();
  private readonly rootOfDirectory = new Map<string, string>();
  private readonly existence = new Map<string, boolean>();
  private readonly fileLists = new Map<string, string[]>();
  private readonly sourceRootsByDirectory = new Map<string, string[]>();
  private readonly moduleFiles = new Map<string, string | undefined>();
  /** Bumped whenever a module's text changes or the file system did: project-wide facts are recomputed. */
  private version = 0;
  /** Bumped when files were created or deleted (module lookups may answer differently). */
  private fileSystemChanges = 0;
  private readonly projectFacts = new Map<string, { version: number; value: unknown }>();
  /** The file whose module changed at each version bump since the file system last changed (the latest MAX_CHANGE_LOG). */
  private readonly changeLog: { version: number; fileName: string }[] = [];
  /** `modulesChangedSince` answers for versions from this one on (files created or deleted, or the log's oldest entries dropped). */
  private changeLogFrom = 0;

  constructor(private readonly options: PythonProjectOptions) {}

  /** Forget cached facts about the file system (files created or deleted). */
  fileSystemChanged(): void {
    this.rootOfDirectory.clear();
    this.existence.clear();
    this.fileLists.clear();
    this.sourceRootsByDirectory.clear();
    this.moduleFiles.clear();
    this.version++;
    this.fileSystemChanges++;
    this.changeLog.length = 0;
    this.changeLogFrom = this.version;
  }

  /**
   * The files whose module changed (re-parsed, or gone) since `version`, a value `currentVersion`
   * had; undefined when that is not known: files were created or deleted since, or it was too many
   * changes ago. Lets a project-wide fact (the call graph) be updated for what changed instead of
   * being rebuilt by a look at every module.
   */
  modulesChangedSince(version: number): Set<string> | undefined {
    this.refreshIfChanged();
    if (version < this.changeLogFrom) return undefined;
    const files = new Set<string>();
    for (let i = this.changeLog.length - 1; i >= 0 && this.changeLog[i].version > version; i--) files.add(this.changeLog[i].fileName);
    return files;
  }

  private moduleChanged(fileName: string): void {
    this.version++;
    this.changeLog.push({ version: this.version, fileName });
    if (this.changeLog.length > MAX_CHANGE_LOG) this.changeLogFrom = this.changeLog.splice(0, this.changeLog.length - MAX_CHANGE_LOG).at(-1)!.version;
  }

  /** The project's version once the host's changes are taken in: while it holds, no module's text changed and no file was created or deleted. */
  get currentVersion(): number {
    this.refreshIfChanged();
    return this.version;
  }

  /** A counter of `fileSystemChanged` calls: a fact about which files exist stands while it holds. */
  get fileSystemVersion(): number {
    return this.fileSystemChanges;
  }

  /** The Python files of a project root (listed once, until `fileSystemChanged`). */
  filesOf(root: string, list: (root: string) => string[]): string[] {
    let files = this.fileLists.get(root);
    if (!files) {
      files = list(root);
      this.fileLists.set(root, files);
    }
    return files;
  }

  /** A fact about the whole project (the call graph), recomputed after any module's text changed. */
  projectDerived<T>(key: string, compute: () => T): T {
    this.refreshIfChanged();
    const known = this.projectFacts.get(key);
    if (known && known.version === this.version) return known.value as T;
    const value = compute();
    this.projectFacts.set(key, { version: this.version, value });
    return value;
  }

  /** The project root of a file: the nearest folder with a pyproject.toml, setup.cfg or setup.py; else the engine's root (when it holds the file); else the file's folder. */
  rootOf(fileName: string): string {
    const start = path.dirname(path.resolve(fileName));
    const cached = this.rootOfDirectory.get(start);
    if (cached) return cached;
    let found: string | undefined;
    for (let directory = start; ; ) {
      if (PROJECT_MARKERS.some((marker) => this.isFile(path.join(directory, marker)))) {
        found = directory;
        break;
      }
      if (this.options.root && path.resolve(directory) === path.resolve(this.options.root)) break;
      const parent = path.dirname(directory);
      if (parent === directory) break;
      directory = parent;
    }
    const root = found ?? (this.options.root && isInside(start, path.resolve(this.options.root)) ? path.resolve(this.options.root) : start);
    this.rootOfDirectory.set(start, root);
    return root;
  }

  /** Folders imports are resolved from, first match wins: `<root>/src`, `<root>`, and the top of the file's own package chain (the folder a script runs from). */
  sourceRootsOf(fileName: string): string[] {
    const directory = path.dirname(fileName);
    let known = this.sourceRootsByDirectory.get(directory);
    if (!known) {
      known = this.findSourceRoots(fileName);
      this.sourceRootsByDirectory.set(directory, known);
    }
    return known;
  }

  private findSourceRoots(fileName: string): string[] {
    const root = this.rootOf(fileName);
    const roots: string[] = [];
    const src = path.join(root, 'src');
    if (this.isDirectory(src)) roots.push(src);
    roots.push(root);
    const own = this.packageChainTop(fileName);
    if (!roots.includes(own)) roots.push(own);
    return roots;
  }

  /** The dotted module name of a file (`pkg.sub.mod`; `pkg.sub` for `pkg/sub/__init__.py`). */
  moduleNameOf(fileName: string): ModuleName {
    const absolute = path.resolve(fileName);
    const isPackage = path.basename(absolute) === '__init__.py';
    const root = this.rootOf(absolute);
    for (const sourceRoot of [path.join(root, 'src'), root]) {
      if (!isInside(absolute, sourceRoot)) continue;
      const parts = path.relative(sourceRoot, absolute).replace(/\.py$/, '').split(path.sep);
      if (isPackage) parts.pop();
      // Namespace packages (folders without __init__.py) count as long as every part is an identifier.
      if (parts.length > 0 && parts.every((part) => IDENTIFIER.test(part))) return { moduleName: parts.join('.'), isPackage };
    }
    const top = this.packageChainTop(absolute);
    const parts = path.relative(top, absolute).replace(/\.py$/, '').split(path.sep);
    if (isPackage) parts.pop();
    return { moduleName: parts.join('.') || path.basename(path.dirname(absolute)), isPackage };
  }

  /** The file of a dotted module name, as seen from `fromFile` (its source roots), or undefined (standard library, third party, missing). */
  fileOfModule(moduleName: string, fromFile: string): string | undefined {
    const key = `${moduleName}\0${path.dirname(fromFile)}`;
    if (this.moduleFiles.has(key)) return this.moduleFiles.get(key);
    const file = this.findModuleFile(moduleName, fromFile);
    this.moduleFiles.set(key, file);
    return file;
  }

  private findModuleFile(moduleName: string, fromFile: string): string | undefined {
    if (!moduleName) return undefined;
    const relative = moduleName.split('.');
    if (!relative.every((part) => IDENTIFIER.test(part))) return undefined;
    for (const sourceRoot of this.sourceRootsOf(fromFile)) {
      const base = path.join(sourceRoot, ...relative);
      if (this.isFile(`${base}.py`)) return `${base}.py`;
      if (this.isFile(path.join(base, '__init__.py'))) return path.join(base, '__init__.py');
    }
    return undefined;
  }

  /** The parsed module of a file (from the editor's text or the disk), cached by text; undefined when it cannot be read. `text` is the text the caller has already. */
  moduleOf(fileName: string, text?: string): PythonModule | undefined {
    // Texts are checked again when the host reports changes (refreshIfChanged), not at every look-up.
    const cached = text === undefined ? this.cachedModule(fileName) : undefined;
    return cached ?? this.entryOf(fileName, text)?.module;
  }

  /** The module of a file as currently cached (its text checked as `moduleOf` does), without parsing one not cached. */
  cachedModule(fileName: string): PythonModule | undefined {
    this.refreshIfChanged();
    return this.modules.get(fileName)?.module;
  }

  /** A fact about a module computed once per text (`compute` runs again after the module's text changed). */
  derived<T>(module: PythonModule, key: string, compute: () => T): T {
    const entry = this.modules.get(module.fileName);
    if (!entry || entry.module !== module) return compute();
    if (entry.derived.has(key)) return entry.derived.get(key) as T;
    const value = compute();
    entry.derived.set(key, value);
    return value;
  }

  /**
   * What a qualified name denotes in the project, as seen from `fromFile`: the `def` (or `class`) and
   * its module. Follows re-exports (`from .helpers import load` in `pkg/__init__.py`), aliases and
   * single assignments (`load = _load`) across modules. Undefined for names outside the project.
   */
  resolve(qualifiedName: string, fromFile: string, depth = 0, touched?: Set<string>): ResolvedDefinition | undefined {
    if (depth > 12 || !qualifiedName) return undefined;
    // `pkg.Client().fetch`: the method of an instance of a project class.
    const instanceMethod = /^([^()]+)\(\)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(qualifiedName);
    if (instanceMethod) {
      const cls = this.resolve(instanceMethod[1], fromFile, depth + 1, touched);
      const method = cls?.node.type === 'class_definition' ? methodOf(cls.node, instanceMethod[2]) : undefined;
      return cls && method ? { fileName: cls.fileName, node: method, module: cls.module } : undefined;
    }
    if (qualifiedName.includes('()')) return undefined;
    const parts = qualifiedName.split('.');
    for (let split = parts.length - 1; split >= 1; split--) {
      const moduleFile = this.fileOfModule(parts.slice(0, split).join('.'), fromFile);
      if (!moduleFile) continue;
      touched?.add(moduleFile);
      const module = this.moduleOf(moduleFile);
      if (!module) return undefined;
      return this.resolveIn(module, parts.slice(split), fromFile, depth, touched);
    }
    return undefined;
  }

  /** `names` looked up at the top of `module` (then as attributes of what they denote). */
  private resolveIn(module: PythonModule, names: string[], fromFile: string, depth: number, touched?: Set<string>): ResolvedDefinition | undefined {
    const [first, ...rest] = names;
    const binding = module.names.lookupFrom(first, module.tree.rootNode);
    if (!binding) {
      // Not bound in the module: a submodule of a package (`pkg.helpers` where pkg/__init__.py does not import it).
      return module.names.isPackage ? this.resolve([module.names.moduleName, ...names].join('.'), fromFile, depth + 1, touched) : undefined;
    }
    switch (binding.kind) {
      case 'function':
        return rest.length === 0 ? { fileName: module.fileName, node: binding.node, module } : undefined;
      case 'class': {
        if (rest.length === 0) return { fileName: module.fileName, node: binding.node, module };
        if (rest.length !== 1) return undefined;
        const method = methodOf(binding.node, rest[0]);
        return method ? { fileName: module.fileName, node: method, module } : undefined;
      }
      case 'module':
        return this.resolve([binding.name, ...rest].join('.'), fromFile, depth + 1, touched);
      case 'imported':
        return this.resolve([binding.module, binding.name, ...rest].join('.'), module.fileName, depth + 1, touched);
      case 'value': {
        if (binding.call) return undefined;
        const target = module.names.qualifiedName(binding.value);
        return target ? this.resolve([target, ...rest].join('.'), module.fileName, depth + 1, touched) : undefined;
      }
      default:
        return undefined;
    }
  }

  private seenChanges: number | undefined;
  /** Per file, the host's change count when its text was last read. */
  private readonly changeCounts = new Map<string, number>();

  /** The host saw text changes since last time: re-read the cached modules' texts (a changed one is parsed again, and bumps the version). */
  private refreshIfChanged(): void {
    const changes = this.options.changes?.();
    if (changes === undefined || changes === this.seenChanges) return;
    this.seenChanges = changes;
    for (const fileName of [...this.modules.keys()]) {
      // Only the files the host saw change are read again.
      const count = this.options.changesIn?.(fileName);
      if (count !== undefined && count === this.changeCounts.get(fileName)) continue;
      if (count !== undefined) this.changeCounts.set(fileName, count);
      const text = this.options.textOf(fileName) ?? this.diskText(fileName);
      if (text === undefined) {
        this.modules.delete(fileName);
        this.moduleChanged(fileName);
      } else if (text !== this.modules.get(fileName)?.text) {
        this.entryOf(fileName, text);
      }
    }
  }

  private entryOf(fileName: string, known?: string): CachedModule | undefined {
    const text = known ?? this.options.textOf(fileName) ?? this.diskText(fileName);
    if (text === undefined) return undefined;
    const cached = this.modules.get(fileName);
    if (cached && cached.text === text) return cached;
    const tree = this.options.parse(fileName, text);
    const name = this.moduleNameOf(fileName);
    const predecessor = cached && cached.module.tree === tree.previous ? cached.module.names : undefined;
    const module: PythonModule = { fileName, text, tree, names: new ModuleNames(tree.rootNode, name.moduleName, name.isPackage, predecessor) };
    const entry = { text, module, derived: new Map<string, unknown>() };
    const count = this.options.changesIn?.(fileName);
    if (count !== undefined) this.changeCounts.set(fileName, count);
    this.modules.set(fileName, entry);
    this.moduleChanged(fileName);
    return entry;
  }

  private diskText(fileName: string): string | undefined {
    try {
      const stat = fs.statSync(fileName);
      const cached = this.diskTexts.get(fileName);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
      const text = fs.readFileSync(fileName, 'utf8');
      this.diskTexts.set(fileName, { mtimeMs: stat.mtimeMs, size: stat.size, text });
      return text;
    } catch {
      return undefined;
    }
  }

  /** The folder above the outermost package (`__init__.py`) containing the file: where `python file.py` would import from. */
  private packageChainTop(fileName: string): string {
    let directory = path.dirname(path.resolve(fileName));
    while (this.isFile(path.join(directory, '__init__.py')) && IDENTIFIER.test(path.basename(directory))) {
      const parent = path.dirname(directory);
      if (parent === directory) break;
      directory = parent;
    }
    return directory;
  }

  private isFile(file: string): boolean {
    let known = this.existence.get(file);
    if (known === undefined) {
      known = this.options.textOf(file) !== undefined || statIs(file, 'file');
      this.existence.set(file, known);
    }
    return known;
  }

  private isDirectory(directory: string): boolean {
    const key = `${directory}${path.sep}`;
    let known = this.existence.get(key);
    if (known === undefined) {
      known = statIs(directory, 'directory');
      this.existence.set(key, known);
    }
    return known;
  }
}

function statIs(file: string, kind: 'file' | 'directory'): boolean {
  try {
    const stat = fs.statSync(file);
    return kind === 'file' ? stat.isFile() : stat.isDirectory();
  } catch {
    return false;
  }
}

function isInside(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** A method `name` defined directly in a class body. */
export function methodOf(classNode: SyntaxNode, name: string): SyntaxNode | undefined {
  const body = classNode.childForFieldName('body');
  for (const statement of body?.namedChildren ?? []) {
    const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'function_definition' && definition.childForFieldName('name')?.text === name) return definition;
  }
  return undefined;
}
