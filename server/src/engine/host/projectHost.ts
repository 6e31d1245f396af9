// Keeps one TypeScript program per tsconfig.json/jsconfig.json (monorepos have several) plus one
// inferred program for files without a config, and lays the text of open documents over what is
// on disk.
//
// Programs are built with our own CompilerHost, so that an edit costs what it changes, not what
// the project holds:
// - parsed SourceFiles are cached by path and handed back as the same objects while their text is
//   unchanged; an edited file is parsed afresh (no incremental parse: caches keyed by nodes, such
//   as the blocking summaries, must never see an old node in a new tree);
// - root names come from the parsed config once and stay the same array across edits, so
//   TypeScript reuses the old program's structure completely (`ts.StructureIsReused.Completely`);
// - module resolutions and package.json lookups live in a cache that outlives programs;
// - the previous program (and its checker) is released as soon as the new one exists;
// - the editor's first question about a large project is answered from a program of the file and
//   what it imports (a partial program); the whole project is built afterwards, in steps
//   (loadStep), reusing every file already parsed;
// - files are parsed without parent pointers (the binder sets them, and every program's checker is
//   created with the program), and without the JSDoc of declaration files, which no rule reads
//   (the checker ignores JSDoc types outside JavaScript): as tsc does.
import * as path from 'node:path';
import { changedSpan } from '../textChange';
import { LIB_FOLDER, libFileTexts, ts } from '../compiler';
import { isDirectory, isFile } from './fileSystem';

/** `detail` carries what only a developer needs (stack traces): the output channel shows it, the CLI only with LOOPGUARD_DEBUG. */
export type Logger = (message: string, detail?: string) => void;

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
const INFERRED = '<inferred>';
/** JavaScript files: a program holds them only with allowJs. */
const JS_FILE = /\.(?:[cm]?js|jsx)$/i;
/** Files whose appearance or disappearance can change how imports resolve. */
const RESOLVABLE = /\.(?:[cm]?[jt]s|[jt]sx|json)$/;
/** Files larger than this are left out of programs (the engine skips them with a note): they are generated. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** TS18003 "No inputs were found in config file": files opened under it are added one by one. */
const NO_INPUTS = 18003;
/** Files asked about (beyond the config's declaration files) that a partial program holds before the whole one is built instead. */
const MAX_PARTIAL_ROOTS = 8;
/** Declaration files: parsed without their JSDoc (see the top of this file). */
const DECLARATION_FILE = /\.d\.(?:[^/\\]+\.)?[cm]?ts$/i;
/** Internal compiler functions used when present (the parse and bind steps of a background load); never required. */
const internals = ts as unknown as {
  bindSourceFile?: (file: ts.SourceFile, options: ts.CompilerOptions) => void;
  setParentRecursive?: (node: ts.Node, incremental: boolean) => void;
};

/** Options for files that no config covers: JS is analysed, but not type-checked as errors. */
export const INFERRED_COMPILER_OPTIONS: ts.CompilerOptions = {
  // Every package under node_modules/@types up the tree, as tsc before 6.0 and the editor include
  // them (TypeScript 6 defaults `types` to none): Node's own types come from @types/node.
  types: ['*'],
  allowJs: true,
  checkJs: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  jsx: ts.JsxEmit.Preserve,
};

export interface ProjectEntry {
  key: string;
  configPath?: string;
  options: ts.CompilerOptions;
  /** The program's root files: the config's files and the files added to it. */
  readonly rootNames: readonly string[];
}

/**
 * Work counters, for the incremental regression test and the benchmark: they measure how much of
 * a project is rebuilt after an edit, which must not grow with the project's size.
 */
export interface ProjectHostStats {
  /** Programs built (the first one per project, then one after each change). */
  programsCreated: number;
  /** Source files in new programs that are not the previous program's objects: files (re)parsed. */
  filesParsed: number;
  /** The same, for the last program built. */
  lastFilesParsed: number;
  /** TypeScript's verdict on the last program: 0 not reused, 1 safe modules, 2 completely. */
  lastStructureReuse: number | undefined;
  /** Source files whose text was replaced (overlays and disk refreshes). */
  textUpdates: number;
  /** Partial programs built (a file of a large project answered before the rest is loaded, see answerFileFirst). */
  partialPrograms: number;
  /** Projects whose full program was built after a partial one (loadStep). */
  fullLoads: number;
}

const caseSensitive = ts.sys.useCaseSensitiveFileNames;
const canonical = (fileName: string): string => (caseSensitive ? fileName : fileName.toLowerCase());
/** The cache key of a file: forward slashes (as TypeScript hands paths back), case folded where the file system does. */
const keyOf = (fileName: string): string => canonical(path.sep === '\\' ? fileName.replace(/\\/g, '/') : fileName);

/** One program and everything that makes the next one cheap. */
class Project implements ProjectEntry {
  readonly files = new Map<string, ts.SourceFile>();
  /**
   * The last parse of each file whose text changed, until it is parsed again: TypeScript's
   * incremental parser reuses its unchanged nodes (as tsserver does), so an edit in a 5,000-line
   * file does not parse the whole file again. That parse is spent by it (its nodes move to the new one).
   */
  private readonly previousParses = new Map<string, ts.SourceFile>();
  /** Keys of files parsed since the last program was built (for the stats). */
  readonly parsedSinceProgram = new Set<string>();
  readonly rootKeys = new Set<string>();
  /** Roots added because a file outside the config's list was asked about (ProjectHost.sourceFileFor): they leave when the file is closed. */
  readonly addedRoots = new Set<string>();
  /** Files left out because they are too large or too deep to parse, until their text changes. */
  readonly unusable = new Set<string>();
  readonly compilerHost: ts.CompilerHost;
  readonly moduleCache: ts.ModuleResolutionCache;
  program: ts.Program | undefined;
  /** A program must be built before the next question: text or roots changed. */
  dirty = true;
  /** Files appeared or disappeared on disk: resolutions may change, so the next program is built without the old one. */
  resolutionsStale = false;
  /**
   * While the project is answered from a partial program: its roots (the files asked about and the
   * config's declaration files, whose globals any file may use). Undefined once the full program is built.
   */
  partialRoots: string[] | undefined;
  /** Background load: the next root file to parse, then whether every parsed file is bound. */
  loadCursor = 0;
  /** The options TypeScript last asked a source file with (minus the file's own format): a background parse uses the same. */
  parseOptions: ts.CreateSourceFileOptions | undefined;

  constructor(
    readonly key: string,
    readonly configPath: string | undefined,
    readonly options: ts.CompilerOptions,
    public rootNames: readonly string[],
    readonly configDiagnostics: readonly ts.Diagnostic[],
    private readonly textOf: (fileName: string) => string | undefined,
    /** Where an inferred project looks for node_modules/@types (and up from there). */
    directory?: string,
    /** The config's `references`: imports of their outputs resolve to their sources (see useSourceOfProjectReferenceRedirect). */
    readonly projectReferences?: readonly ts.ProjectReference[],
  ) {
    for (const name of rootNames) this.rootKeys.add(keyOf(name));
    const currentDirectory = configPath ? path.dirname(configPath) : (directory ?? process.cwd());
    this.moduleCache = ts.createModuleResolutionCache(currentDirectory, canonical, options);
    const host: ts.CompilerHost & { hasChangedAutomaticTypeDirectiveNames(): boolean; useSourceOfProjectReferenceRedirect(): boolean } = {
      getSourceFile: (fileName, languageVersionOrOptions) => this.sourceFile(fileName, languageVersionOrOptions),
      getDefaultLibFileName: (compilerOptions) => `${LIB_FOLDER}/${ts.getDefaultLibFileName(compilerOptions)}`,
      getDefaultLibLocation: () => LIB_FOLDER,
      writeFile: () => {},
      getCurrentDirectory: () => currentDirectory,
      getCanonicalFileName: canonical,
      useCaseSensitiveFileNames: () => caseSensitive,
      getNewLine: () => '\n',
      fileExists: (fileName) => this.textOf(fileName) !== undefined || libFileTexts().has(fileName) || isFile(fileName),
      readFile: (fileName) => this.textOf(fileName) ?? libFileTexts().get(fileName) ?? readText(fileName),
      directoryExists: (directory) => directory === LIB_FOLDER || LIB_FOLDER.startsWith(`${directory}/`) || (ts.sys.directoryExists?.(directory) ?? true),
      getDirectories: (directory) => ts.sys.getDirectories(directory),
      // Referenced projects' configs list their files with it.
      readDirectory: (rootDir, extensions, excludes, includes, depth) => ts.sys.readDirectory(rootDir, extensions, excludes, includes, depth),
      realpath: (fileName) => (fileName.startsWith(`${LIB_FOLDER}/`) ? fileName : (ts.sys.realpath?.(fileName) ?? fileName)),
      getModuleResolutionCache: () => this.moduleCache,
      resolveModuleNameLiterals: (literals, containingFile, redirectedReference, compilerOptions, containingSourceFile) =>
        literals.map((literal) =>
          ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, this.moduleCache, redirectedReference, ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions)),
        ),
      // Automatic @types directories are read once per project; node_modules is not watched.
      hasChangedAutomaticTypeDirectiveNames: () => false,
      // As the editor does: an import of a referenced project's output (dist/index.js, its .d.ts)
      // is the referenced project's source, so that types survive an unbuilt (or stale) reference.
      useSourceOfProjectReferenceRedirect: () => (this.projectReferences?.length ?? 0) > 0,
    };
    this.compilerHost = host;
  }

  /** The cached SourceFile while its text and parse options are unchanged; otherwise a fresh parse. */
  sourceFile(fileName: string, languageVersionOrOptions: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile | undefined {
    const key = keyOf(fileName);
    const options: ts.CreateSourceFileOptions = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const cached = this.files.get(key);
    if (cached && cached.languageVersion === options.languageVersion && cached.impliedNodeFormat === options.impliedNodeFormat) return cached;
    if (this.unusable.has(key)) return undefined;
    if (typeof languageVersionOrOptions === 'object' && !fileName.startsWith(`${LIB_FOLDER}/`)) this.parseOptions = languageVersionOrOptions;
    const text = cached?.text ?? this.textOf(fileName) ?? libFileTexts().get(fileName) ?? readText(fileName);
    if (text === undefined) return undefined;
    let sourceFile: ts.SourceFile;
    try {
      // A file too large or too deeply nested to parse stays out of the program (as if missing), so
      // that it cannot take the whole project down; the engine reports it when it is analysed.
      if (text.length > MAX_FILE_BYTES) throw new RangeError('too large');
      const parseOptions = DECLARATION_FILE.test(fileName) ? { ...options, jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors } : options;
      // Parent pointers are set by the binder (ProjectHost.program creates the checker at once);
      // a file parsed outside any program gets them in ProjectHost.sourceFileFor.
      const previous = this.previousParses.get(key);
      this.previousParses.delete(key);
      sourceFile =
        previous && previous.languageVersion === options.languageVersion && previous.impliedNodeFormat === options.impliedNodeFormat && !DECLARATION_FILE.test(fileName)
          ? updatedParse(previous, text)
          : ts.createSourceFile(fileName, text, parseOptions, !internals.setParentRecursive);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.unusable.add(key);
      return undefined;
    }
    this.files.set(key, sourceFile);
    this.parsedSinceProgram.add(key);
    return sourceFile;
  }

  keptParseCount(): number {
    return this.previousParses.size;
  }

  /** Forgets a file's parse when its text changed; true when it held one. */
  invalidate(fileName: string, text: string | undefined): boolean {
    const key = keyOf(fileName);
    // Text from disk is parsed afresh: an old parse kept for an edit that never came is let go.
    if (text === undefined) this.previousParses.delete(key);
    if (this.unusable.delete(key)) {
      this.dirty = true;
      return true;
    }
    const cached = this.files.get(key);
    if (!cached) return false;
    if (text !== undefined && cached.text === text) return false;
    this.files.delete(key);
    // Kept for an incremental parse of the new text (a change on disk, text undefined: parsed afresh).
    if (text !== undefined) this.previousParses.set(key, cached);
    this.dirty = true;
    return true;
  }

  addRoot(fileName: string): void {
    const key = keyOf(fileName);
    if (this.rootKeys.has(key)) return;
    this.rootKeys.add(key);
    this.rootNames = [...this.rootNames, fileName];
    this.dirty = true;
  }

  /** Drops a root added for a file (never one of the config's); true when it was one. */
  removeRoot(fileName: string): boolean {
    const key = keyOf(fileName);
    if (!this.addedRoots.delete(key)) return false;
    this.rootKeys.delete(key);
    this.previousParses.delete(key);
    this.rootNames = this.rootNames.filter((name) => keyOf(name) !== key);
    if (this.partialRoots) this.partialRoots = this.partialRoots.filter((name) => keyOf(name) !== key);
    this.dirty = true;
    return true;
  }

  holds(fileName: string): boolean {
    const key = keyOf(fileName);
    return this.rootKeys.has(key) || this.files.has(key);
  }

  /** Parses a root file ahead of the full program, with the options TypeScript would ask it with. */
  preParse(fileName: string): void {
    if (this.files.has(keyOf(fileName)) || this.unusable.has(keyOf(fileName)) || !this.parseOptions) return;
    const impliedNodeFormat = ts.getImpliedNodeFormatForFile(fileName, this.moduleCache.getPackageJsonInfoCache(), this.compilerHost, this.options);
    this.sourceFile(fileName, { ...this.parseOptions, impliedNodeFormat });
  }
}

export class ProjectHost {
  readonly stats: ProjectHostStats = { programsCreated: 0, filesParsed: 0, lastFilesParsed: 0, lastStructureReuse: undefined, textUpdates: 0, partialPrograms: 0, fullLoads: 0 };
  private readonly projects = new Map<string, Project>();
  /**
   * The editor's mode: the first file asked about in a project of more than `partialMinRoots` root
   * files is answered from a program of that file and its imports; `loadStep` then builds the
   * whole program. The CLI and the scan, which analyse every file, build the whole program at once.
   */
  answerFileFirst = false;
  partialMinRoots = 50;
  private readonly configByDirectory = new Map<string, string | null>();
  private readonly typesRootByDirectory = new Map<string, string | null>();
  private readonly overlays = new Map<string, string>();
  private readonly overlayByKey = new Map<string, string>();
  /** Text changes seen (overlays and disk), in all and per file: what the engine's caches check. */
  private changes = 0;
  private readonly changesByKey = new Map<string, number>();
  /** Incremented whenever the projects are dropped (configs or settings changed). */
  generation = 0;

  constructor(private readonly log: Logger = () => {}, private readonly forcedConfig?: string) {}

  /** The nearest tsconfig.json or jsconfig.json above the file, or undefined. */
  configFor(fileName: string): string | undefined {
    if (this.forcedConfig) return this.forcedConfig;
    const visited: string[] = [];
    let directory = path.dirname(fileName);
    let found: string | null | undefined;
    for (;;) {
      found = this.configByDirectory.get(directory);
      if (found !== undefined) break;
      visited.push(directory);
      const candidate = CONFIG_NAMES.map((name) => path.join(directory, name)).find((file) => isFile(file));
      if (candidate) {
        found = candidate;
        break;
      }
      const parent = path.dirname(directory);
      if (parent === directory || path.basename(directory) === 'node_modules') {
        found = null;
        break;
      }
      directory = parent;
    }
    for (const dir of visited) this.configByDirectory.set(dir, found);
    return found ?? undefined;
  }

  /** The project a file belongs to; a config that cannot be loaded falls back to the inferred project. */
  projectFor(fileName: string): ProjectEntry {
    return this.project(fileName);
  }

  /**
   * Registers files that will be analysed, so that their program is built once with all of them
   * as roots (the CLI, a workspace scan) instead of growing by one root per file.
   */
  addRootFiles(fileNames: readonly string[]): void {
    for (const fileName of fileNames) {
      const project = this.project(fileName);
      if (!project.holds(fileName)) project.addRoot(fileName);
    }
  }

  /** The parsed file, with any open-document text applied; added to its project on first use. */
  sourceFileFor(fileName: string): { sourceFile: ts.SourceFile; entry: ProjectEntry } {
    const project = this.project(fileName);
    if (!project.holds(fileName) && !project.program?.getSourceFile(fileName)) {
      if (this.textOf(fileName) === undefined && !isFile(fileName)) throw new Error(`File not found: ${fileName}`);
      project.addRoot(fileName);
      project.addedRoots.add(keyOf(fileName));
    }
    if (this.answerFileFirst && !project.program && project.partialRoots === undefined && project.rootNames.length > this.partialMinRoots) {
      project.partialRoots = [fileName, ...project.rootNames.filter((name) => DECLARATION_FILE.test(name))];
      project.dirty = true;
    } else if (project.partialRoots && !project.program?.getSourceFile(fileName)) {
      // Another file asked about while the project loads: the partial program grows by it, up to a
      // few files (a scan in the server asks about every file: then the whole program at once).
      project.partialRoots = project.partialRoots.length < MAX_PARTIAL_ROOTS ? [...project.partialRoots, fileName] : undefined;
      project.dirty = true;
    }
    const program = this.program(project);
    // A file the program leaves out (a .js file without allowJs...) is still parsed, for the syntactic rules.
    let sourceFile = program.getSourceFile(fileName) ?? project.sourceFile(fileName, { languageVersion: project.options.target ?? ts.ScriptTarget.Latest });
    if (sourceFile && !program.getSourceFile(fileName) && sourceFile.statements.length > 0 && !sourceFile.statements[0].parent) {
      // Never bound by a checker: its parent pointers are set here.
      internals.setParentRecursive?.(sourceFile, false);
    }
    if (!sourceFile) {
      const text = this.textOf(fileName) ?? readText(fileName);
      if (text === undefined) throw new Error(`File not found: ${fileName}`);
      // Too deep to parse: parsing it again outside the program lets the engine report why.
      sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
    }
    return { sourceFile, entry: project };
  }

  program(entry: ProjectEntry): ts.Program {
    const project = entry as Project;
    if (project.program && !project.dirty) return project.program;
    const previous = project.resolutionsStale ? undefined : project.program;
    if (project.resolutionsStale) project.moduleCache.clear();
    // With project references TypeScript wraps the host's realpath for the new program and never
    // unwraps it: each program would keep every earlier one alive through the chain of wrappers.
    const realpath = project.compilerHost.realpath;
    let program: ts.Program;
    try {
      program = ts.createProgram({
        rootNames: project.partialRoots ?? project.rootNames,
        options: project.options,
        host: project.compilerHost,
        oldProgram: previous,
        configFileParsingDiagnostics: project.configDiagnostics,
        projectReferences: project.projectReferences,
      });
    } finally {
      project.compilerHost.realpath = realpath;
    }
    // Release the old program (and its checker) now; its unchanged SourceFiles live on in the new one.
    project.program = program;
    // The checker binds every file (and so sets the parent pointers the parser left out).
    program.getTypeChecker();
    project.dirty = false;
    project.resolutionsStale = false;
    let parsed = 0;
    for (const key of project.parsedSinceProgram) {
      const file = project.files.get(key);
      if (file && program.getSourceFile(file.fileName) === file) parsed++;
    }
    project.parsedSinceProgram.clear();
    // Files the new program no longer holds (an import was removed) leave the cache with it.
    if (project.files.size > program.getSourceFiles().length + project.rootKeys.size) {
      for (const [key, file] of project.files) if (program.getSourceFile(file.fileName) !== file && !project.rootKeys.has(key)) project.files.delete(key);
    }
    this.stats.programsCreated++;
    this.stats.filesParsed += parsed;
    this.stats.lastFilesParsed = parsed;
    this.stats.lastStructureReuse = (program as unknown as { structureIsReused?: number }).structureIsReused;
    if (project.partialRoots) this.stats.partialPrograms++;
    return program;
  }

  /** Whether the project has its whole program (not merely a partial one) built. */
  hasProgram(entry: ProjectEntry): boolean {
    const project = entry as Project;
    return project.program !== undefined && project.partialRoots === undefined;
  }

  /** Projects answered from a partial program whose whole program is still to build (see loadStep). */
  loadingProjects(): ProjectEntry[] {
    return [...this.projects.values()].filter((project) => project.partialRoots !== undefined);
  }

  /**
   * One step of building a project's whole program after a partial one, about `budgetMs` of work:
   * parse the root files not parsed yet, bind them, then build the program (which reuses every
   * parsed file). True when the whole program is built (or the project was dropped meanwhile):
   * findings that depend on the whole program (callers in other files) may differ from then on.
   */
  loadStep(entry: ProjectEntry, budgetMs = 20): boolean {
    const project = entry as Project;
    if (!project.partialRoots || this.projects.get(project.key) !== project) return true;
    const started = Date.now();
    const roots = project.rootNames;
    while (project.loadCursor < roots.length) {
      project.preParse(roots[project.loadCursor++]);
      if (Date.now() - started >= budgetMs) return false;
    }
    if (internals.bindSourceFile) {
      for (const file of project.files.values()) {
        if ((file as { locals?: unknown }).locals) continue;
        internals.bindSourceFile(file, project.options);
        if (Date.now() - started >= budgetMs) return false;
      }
    }
    project.partialRoots = undefined;
    project.loadCursor = 0;
    project.dirty = true;
    this.program(project);
    this.stats.fullLoads++;
    // Caches keyed on the host's generation (the engine's unit caches) start over: answers that read
    // the whole program (who calls a function) may differ now.
    this.generation++;
    return true;
  }

  /** How many text changes the host has seen in files other than this one: unchanged means no other file changed. */
  changesOutside(fileName: string): number {
    return this.changes - (this.changesByKey.get(keyOf(fileName)) ?? 0);
  }

  private changed(fileName: string): void {
    this.changes++;
    const key = keyOf(fileName);
    this.changesByKey.set(key, (this.changesByKey.get(key) ?? 0) + 1);
  }

  /** An open document's text replaces the disk contents in every project that holds the file. */
  setOverlay(fileName: string, text: string): void {
    if (this.overlays.get(fileName) === text) return;
    this.overlays.set(fileName, text);
    this.changed(fileName);
    this.overlayByKey.set(keyOf(fileName), text);
    for (const project of this.projects.values()) {
      if (project.invalidate(fileName, text)) this.stats.textUpdates++;
    }
  }

  /**
   * The editor closed a file: a root added for it (a file no config lists, in an inferred project
   * say) leaves its program at the next build, so that programs do not grow with every file ever
   * opened. Files the config lists, or that other files import, stay.
   */
  fileClosed(fileName: string): void {
    for (const project of this.projects.values()) project.removeRoot(fileName);
  }

  /** Root files of all projects (for the memory test: they must not grow with files opened and closed). */
  rootCount(): number {
    let count = 0;
    for (const project of this.projects.values()) count += project.rootNames.length;
    return count;
  }

  /** Old parses kept for an incremental re-parse (for the memory test: one per edited file at most, none once it is parsed or closed). */
  keptParseCount(): number {
    let count = 0;
    for (const project of this.projects.values()) count += project.keptParseCount();
    return count;
  }

  /** Closing a document returns the file to its disk contents (or drops it when it is gone). */
  removeOverlay(fileName: string): void {
    if (!this.overlays.delete(fileName)) return;
    this.overlayByKey.delete(keyOf(fileName));
    this.changed(fileName);
    this.refreshFromDisk(fileName);
  }

  /** A file changed on disk (watcher): reload it unless an open document owns its text. */
  fileChangedOnDisk(fileName: string): void {
    if (CONFIG_NAMES.includes(path.basename(fileName))) {
      this.dropProjects();
      return;
    }
    if (this.overlays.has(fileName)) return;
    this.changed(fileName);
    this.refreshFromDisk(fileName);
  }

  hasOverlay(fileName: string): boolean {
    return this.overlays.has(fileName);
  }

  textOf(fileName: string): string | undefined {
    return this.overlays.get(fileName) ?? (this.overlayByKey.size ? this.overlayByKey.get(keyOf(fileName)) : undefined);
  }

  /** Configs changed or settings that affect projects did: start over, keeping open documents. */
  dropProjects(): void {
    this.generation++;
    this.projects.clear();
    this.configByDirectory.clear();
    this.typesRootByDirectory.clear();
  }

  projectCount(): number {
    return this.projects.size;
  }

  private project(fileName: string): Project {
    const configPath = this.configFor(fileName);
    if (configPath) {
      let project = this.projects.get(configPath);
      if (!project) {
        project = this.createProject(configPath, fileName);
        this.projects.set(configPath, project);
      }
      // A JavaScript file under a config without allowJs cannot be in the config's program: as a
      // root it is dropped, and the rules would question the checker about nodes it never bound
      // (crashes on `flags`, `escapedName`...). The editor gives such a file an inferred project;
      // so do we.
      if (!JS_FILE.test(fileName) || project.options.allowJs || project.holds(fileName)) return project;
    }
    return this.inferredProject(fileName);
  }

  /**
   * Files that no config holds share an inferred project per folder that holds node_modules/@types
   * (the nearest one above them), so that each sees the type packages tsc would see from there.
   */
  private inferredProject(fileName: string): Project {
    const directory = this.typesRootFor(path.dirname(fileName));
    const key = directory === undefined ? INFERRED : `${INFERRED}${directory}`;
    let project = this.projects.get(key);
    if (!project) {
      project = new Project(key, undefined, INFERRED_COMPILER_OPTIONS, [], [], (name) => this.textOf(name), directory);
      this.projects.set(key, project);
    }
    return project;
  }

  /** The nearest folder at or above `directory` that holds node_modules/@types, or undefined. */
  private typesRootFor(directory: string): string | undefined {
    const visited: string[] = [];
    let found: string | null | undefined;
    for (;;) {
      found = this.typesRootByDirectory.get(directory);
      if (found !== undefined) break;
      visited.push(directory);
      if (path.basename(directory) !== 'node_modules' && isDirectory(path.join(directory, 'node_modules', '@types'))) {
        found = directory;
        break;
      }
      const parent = path.dirname(directory);
      if (parent === directory) {
        found = null;
        break;
      }
      directory = parent;
    }
    for (const dir of visited) this.typesRootByDirectory.set(dir, found);
    return found ?? undefined;
  }

  private refreshFromDisk(fileName: string): void {
    const exists = isFile(fileName);
    const text = exists ? readText(fileName) : undefined;
    const key = keyOf(fileName);
    for (const project of this.projects.values()) {
      const held = project.files.has(key) || project.unusable.has(key);
      if (held && exists) {
        if (project.invalidate(fileName, text)) this.stats.textUpdates++;
      } else if (held || (exists && RESOLVABLE.test(fileName))) {
        // Deleted, or a new file an import may now resolve to: the next program resolves afresh
        // (its unchanged SourceFiles are still reused, nothing is parsed again).
        project.invalidate(fileName, undefined);
        project.resolutionsStale = true;
        project.dirty = true;
      }
    }
  }

  private createProject(configPath: string, fileName: string): Project {
    const textOf = (name: string) => this.textOf(name);
    if (configPath) {
      try {
        let unrecoverable: ts.Diagnostic | undefined;
        const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
          ...ts.sys,
          onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
            unrecoverable = diagnostic;
          },
        });
        if (!parsed) throw new Error(unrecoverable ? ts.flattenDiagnosticMessageText(unrecoverable.messageText, ' ') : 'it cannot be read');
        const problems = ts.getConfigFileParsingDiagnostics(parsed).filter((problem) => problem.code !== NO_INPUTS);
        for (const problem of problems) this.log(`${configPath}: ${ts.flattenDiagnosticMessageText(problem.messageText, ' ')}`);
        // Plugins are never loaded (no workspace code runs); emit settings do not matter for analysis.
        const options: ts.CompilerOptions = { ...parsed.options, noEmit: true };
        delete options.plugins;
        // TypeScript 6 includes no @types package unless `types` names it; the tsc and editor a
        // project was written for (before 6.0) include every one: without this, Node's types are lost.
        if (options.types === undefined) options.types = ['*'];
        return new Project(configPath, configPath, options, parsed.fileNames, problems, textOf, undefined, parsed.projectReferences);
      } catch (error) {
        this.log(`Could not load ${configPath} (${errorMessage(error)}); using default compiler options for its files.`);
      }
    }
    return this.inferredProject(fileName);
  }
}



/** A file's text as the compiler reads it: a byte order mark is not part of it, UTF-16 files are decoded. */
function readText(fileName: string): string | undefined {
  try {
    return ts.sys.readFile(fileName);
  } catch {
    return undefined;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The new text's parse from the previous one (TypeScript's incremental parser: unchanged nodes are reused, the previous parse is spent). */
function updatedParse(previous: ts.SourceFile, text: string): ts.SourceFile {
  const { start, oldEnd, newEnd } = changedSpan(previous.text, text);
  return ts.updateSourceFile(previous, text, { span: { start, length: oldEnd - start }, newLength: newEnd - start });
}
