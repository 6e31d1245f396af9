// What the qualified names a module calls denote in the project (`pkg.helpers.load` → its def), kept
// across edits. A resolution reads only the modules it went through (`touched`: the module files of
// the name's prefixes, re-exports, aliases) and the file system (which module files exist). So it
// stands while each of those modules is the same parsed module and no file was created or deleted:
// after an edit, the edited module's calls into unchanged modules are answered from here instead of
// being resolved again (on a 2,000-line module, 850 calls per keystroke), and only names that went
// through the edited module are resolved again.
import type { PythonProject, ResolvedDefinition } from './project';
import type { PythonModule } from './rule';

interface Resolution {
  resolved: ResolvedDefinition | undefined;
  /** The files the resolution read, with the module each was then (undefined: not a module). */
  touched: string[];
  modules: (PythonModule | undefined)[];
  fileSystem: number;
  /** The project version at which the resolution was last seen to stand: it stands while that holds. */
  checkedAt: number;
}

export class Resolutions {
  /** By the file asking, then the name (two look-ups of strings the callers keep, instead of a key string made per call). */
  private readonly known = new Map<string, Map<string, Resolution>>();
  /** File → the resolutions that read it, as `file asking\0name` (to drop them when it changes, not keep old trees alive). */
  private readonly byFile = new Map<string, Set<string>>();
  /** Work counter for the tests: names resolved (not answered from a kept resolution). */
  resolved = 0;

  constructor(private readonly project: PythonProject) {}

  /** What `qualifiedName` denotes from `fromFile`; `touched` receives the files the answer depends on. */
  resolve(qualifiedName: string, fromFile: string, touched?: Set<string>): ResolvedDefinition | undefined {
    let known = this.known.get(fromFile)?.get(qualifiedName);
    if (!known || !this.stands(known)) {
      const files = new Set<string>();
      this.resolved++;
      const resolved = this.project.resolve(qualifiedName, fromFile, 0, files);
      const touchedFiles = [...files];
      known = { resolved, touched: touchedFiles, modules: touchedFiles.map((file) => this.project.cachedModule(file)), fileSystem: this.project.fileSystemVersion, checkedAt: this.project.currentVersion };
      this.remember(fromFile, qualifiedName, known);
    }
    for (const file of known.touched) touched?.add(file);
    return known.resolved;
  }

  /** Drops the resolutions that read one of `files` (their modules changed): they would not stand, and they hold the old trees. */
  forgetFiles(files: Iterable<string>): void {
    for (const file of files) {
      for (const key of this.byFile.get(file) ?? []) {
        const [from, name] = key.split('\0');
        this.known.get(from)?.delete(name);
      }
      this.byFile.delete(file);
    }
  }

  private stands(known: Resolution): boolean {
    // Nothing changed since the last check: the same name asked again (a module calls `asyncio.sleep`
    // a hundred times) costs one comparison, not a look-up per module it read.
    const version = this.project.currentVersion;
    if (known.checkedAt === version) return true;
    if (known.fileSystem !== this.project.fileSystemVersion) return false;
    for (let i = 0; i < known.touched.length; i++) if (this.project.cachedModule(known.touched[i]) !== known.modules[i]) return false;
    known.checkedAt = version;
    return true;
  }

  private remember(fromFile: string, qualifiedName: string, resolution: Resolution): void {
    let byName = this.known.get(fromFile);
    if (!byName) {
      byName = new Map();
      this.known.set(fromFile, byName);
    }
    byName.set(qualifiedName, resolution);
    const key = `${fromFile}\0${qualifiedName}`;
    for (const file of resolution.touched) {
      let keys = this.byFile.get(file);
      if (!keys) {
        keys = new Set();
        this.byFile.set(file, keys);
      }
      keys.add(key);
    }
  }
}
