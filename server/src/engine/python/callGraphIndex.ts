// Who calls each project function, as an index over per-module edges kept across builds of the call
// graph: after an edit, a build replaces the edges of the modules that changed (the edited module and
// those whose names resolved through it) instead of merging every module's edges again (1,000
// modules: a merge of every edge of the project per keystroke).
//
// Answers are those of a merge of all modules' edges in the project's file order: the callers of a
// function come module by module in that order, each module's in its own order, and a callback
// registered from several modules takes the method of the last one.
import type { PyFunction, ReachStep } from './eventLoop';
import type { PythonModule } from './rule';

/** The call edges one module contributes, and the files their resolution read. */
export interface ModuleEdges {
  module: PythonModule;
  calls: { from: PyFunction; site: ReachStep['site']; target: PyFunction }[];
  callbacks: { fn: PyFunction; method: string }[];
  touched: string[];
}

interface IndexedEdges {
  edges: ModuleEdges;
  /** The module's calls by target function key. */
  callersByTarget: Map<string, ReachStep[]>;
  /** The registering method by callback function key (the module's last registration). */
  callbackMethods: Map<string, string>;
}

export class CallGraphIndex {
  private files: string[] = [];
  private readonly position = new Map<string, number>();
  private readonly modules = new Map<string, IndexedEdges>();
  /** Function key → the files with a call to it. */
  private readonly callerFiles = new Map<string, Set<string>>();
  /** Callback function key → the files registering it. */
  private readonly callbackFiles = new Map<string, Set<string>>();
  private readonly callersMemo = new Map<string, ReachStep[]>();
  /** File → the files whose edges' resolution read it (`touched`). */
  private readonly touchedBy = new Map<string, Set<string>>();
  /** Work counter for the tests: modules whose edges were put in the index. */
  modulesIndexed = 0;

  /** Whether the index was built over exactly these files, in this order. */
  hasFiles(files: readonly string[]): boolean {
    return files.length === this.files.length && files.every((file, i) => this.files[i] === file);
  }

  /** Starts over on a new list of files (one was added, removed or reordered). */
  reset(files: readonly string[]): void {
    this.files = [...files];
    this.position.clear();
    files.forEach((file, i) => this.position.set(file, i));
    this.modules.clear();
    this.callerFiles.clear();
    this.callbackFiles.clear();
    this.callersMemo.clear();
    this.touchedBy.clear();
  }

  /** The files among `changed`, and those whose indexed edges read one of them. */
  filesTouching(changed: ReadonlySet<string>): Set<string> {
    const files = new Set(changed);
    for (const file of changed) for (const reader of this.touchedBy.get(file) ?? []) files.add(reader);
    return files;
  }

  /** The edges indexed for a file, if any. */
  edgesOf(file: string): ModuleEdges | undefined {
    return this.modules.get(file)?.edges;
  }

  /** Puts a module's new edges in place of its old ones. */
  replace(file: string, edges: ModuleEdges): void {
    this.remove(file);
    const indexed: IndexedEdges = { edges, callersByTarget: new Map(), callbackMethods: new Map() };
    for (const { fn, method } of edges.callbacks) {
      indexed.callbackMethods.set(fn.key, method);
      addTo(this.callbackFiles, fn.key, file);
    }
    for (const { from, site, target } of edges.calls) {
      const list = indexed.callersByTarget.get(target.key) ?? [];
      list.push({ from, site });
      indexed.callersByTarget.set(target.key, list);
      addTo(this.callerFiles, target.key, file);
    }
    for (const touched of edges.touched) addTo(this.touchedBy, touched, file);
    this.modules.set(file, indexed);
    this.callersMemo.clear();
    this.modulesIndexed++;
  }

  /** Every call of a project function in the project, module by module in file order. */
  callers(key: string): ReachStep[] {
    let known = this.callersMemo.get(key);
    if (!known) {
      known = this.inFileOrder(this.callerFiles.get(key)).flatMap((file) => this.modules.get(file)?.callersByTarget.get(key) ?? []);
      this.callersMemo.set(key, known);
    }
    return known;
  }

  /** The method a function is given to the loop with (`call_soon`...), from the last module in file order that registers it. */
  callbackMethod(key: string): string | undefined {
    const files = this.inFileOrder(this.callbackFiles.get(key));
    return files.length > 0 ? this.modules.get(files[files.length - 1])?.callbackMethods.get(key) : undefined;
  }

  private remove(file: string): void {
    const old = this.modules.get(file);
    if (!old) return;
    for (const key of old.callbackMethods.keys()) this.callbackFiles.get(key)?.delete(file);
    for (const key of old.callersByTarget.keys()) this.callerFiles.get(key)?.delete(file);
    for (const touched of old.edges.touched) this.touchedBy.get(touched)?.delete(file);
    this.modules.delete(file);
    this.callersMemo.clear();
  }

  private inFileOrder(files: Set<string> | undefined): string[] {
    if (!files || files.size === 0) return [];
    return [...files].sort((a, b) => (this.position.get(a) ?? 0) - (this.position.get(b) ?? 0));
  }
}

function addTo(index: Map<string, Set<string>>, key: string, file: string): void {
  let files = index.get(key);
  if (!files) {
    files = new Set();
    index.set(key, files);
  }
  files.add(file);
}
