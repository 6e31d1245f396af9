// Keeps one ts-morph Project per tsconfig.json/jsconfig.json (monorepos have several) plus one
// inferred project for files without a config, and lays the text of open documents over what is
// on disk. Programs stay alive across edits; ts-morph passes the old program to TypeScript so
// unchanged files are reused.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, ts } from '../compiler';

/** `detail` carries what only a developer needs (stack traces): the output channel shows it, the CLI only with LOOPGUARD_DEBUG. */
export type Logger = (message: string, detail?: string) => void;

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
const INFERRED = '<inferred>';

/** Options for files that no config covers: JS is analysed, but not type-checked as errors. */
export const INFERRED_COMPILER_OPTIONS: ts.CompilerOptions = {
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
  project: Project;
  configPath?: string;
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
}

export class ProjectHost {
  readonly stats: ProjectHostStats = { programsCreated: 0, filesParsed: 0, lastFilesParsed: 0, lastStructureReuse: undefined, textUpdates: 0 };
  private readonly lastPrograms = new WeakMap<ProjectEntry, ts.Program>();
  private readonly projects = new Map<string, ProjectEntry>();
  private readonly configByDirectory = new Map<string, string | null>();
  private readonly overlays = new Map<string, string>();

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
    const configPath = this.configFor(fileName);
    const key = configPath ?? INFERRED;
    let entry = this.projects.get(key);
    if (!entry) {
      entry = this.createProject(configPath);
      this.projects.set(key, entry);
    }
    return entry;
  }

  /** The parsed file, with any open-document text applied; added to its project on first use. */
  sourceFileFor(fileName: string): { sourceFile: ts.SourceFile; entry: ProjectEntry } {
    const entry = this.projectFor(fileName);
    let morph = entry.project.getSourceFile(fileName);
    const overlay = this.overlays.get(fileName);
    if (!morph) {
      morph =
        overlay !== undefined
          ? entry.project.createSourceFile(fileName, overlay, { overwrite: true })
          : entry.project.addSourceFileAtPath(fileName);
    }
    return { sourceFile: morph.compilerNode, entry };
  }

  program(entry: ProjectEntry): ts.Program {
    const program = entry.project.getProgram().compilerObject;
    const previous = this.lastPrograms.get(entry);
    if (previous !== program) {
      this.lastPrograms.set(entry, program);
      let parsed = 0;
      for (const file of program.getSourceFiles()) if (!previous || previous.getSourceFile(file.fileName) !== file) parsed++;
      this.stats.programsCreated++;
      this.stats.filesParsed += parsed;
      this.stats.lastFilesParsed = parsed;
      this.stats.lastStructureReuse = (program as unknown as { structureIsReused?: number }).structureIsReused;
    }
    return program;
  }

  /** An open document's text replaces the disk contents in every project that holds the file. */
  setOverlay(fileName: string, text: string): void {
    if (this.overlays.get(fileName) === text) return;
    this.overlays.set(fileName, text);
    for (const entry of this.projects.values()) {
      if (!entry.project.getSourceFile(fileName)) continue;
      entry.project.createSourceFile(fileName, text, { overwrite: true });
      this.stats.textUpdates++;
    }
  }

  /** Closing a document returns the file to its disk contents (or drops it when it is gone). */
  removeOverlay(fileName: string): void {
    if (!this.overlays.delete(fileName)) return;
    this.refreshFromDisk(fileName);
  }

  /** A file changed on disk (watcher): reload it unless an open document owns its text. */
  fileChangedOnDisk(fileName: string): void {
    if (CONFIG_NAMES.includes(path.basename(fileName))) {
      this.dropProjects();
      return;
    }
    if (!this.overlays.has(fileName)) this.refreshFromDisk(fileName);
  }

  hasOverlay(fileName: string): boolean {
    return this.overlays.has(fileName);
  }

  textOf(fileName: string): string | undefined {
    return this.overlays.get(fileName);
  }

  /** Configs changed or settings that affect projects did: start over, keeping open documents. */
  dropProjects(): void {
    this.projects.clear();
    this.configByDirectory.clear();
  }

  projectCount(): number {
    return this.projects.size;
  }

  private refreshFromDisk(fileName: string): void {
    for (const entry of this.projects.values()) {
      const existing = entry.project.getSourceFile(fileName);
      if (!existing) continue;
      if (isFile(fileName)) {
        entry.project.createSourceFile(fileName, fs.readFileSync(fileName, 'utf8'), { overwrite: true });
        this.stats.textUpdates++;
      }
      else entry.project.removeSourceFile(existing);
    }
  }

  private createProject(configPath: string | undefined): ProjectEntry {
    if (configPath) {
      try {
        const project = new Project({ tsConfigFilePath: configPath, skipFileDependencyResolution: true });
        const problems = project.getConfigFileParsingDiagnostics?.() ?? [];
        for (const problem of problems) {
          this.log(`${configPath}: ${ts.flattenDiagnosticMessageText(problem.compilerObject.messageText, ' ')}`);
        }
        this.applyOverlays(project);
        return { key: configPath, project, configPath };
      } catch (error) {
        this.log(`Could not load ${configPath} (${errorMessage(error)}); using default compiler options for its files.`);
      }
    }
    const project = new Project({ compilerOptions: INFERRED_COMPILER_OPTIONS, skipFileDependencyResolution: true });
    this.applyOverlays(project);
    return { key: INFERRED, project };
  }

  private applyOverlays(project: Project): void {
    for (const [fileName, text] of this.overlays) {
      if (project.getSourceFile(fileName)) project.createSourceFile(fileName, text, { overwrite: true });
    }
  }
}

function isFile(fileName: string): boolean {
  try {
    return fs.statSync(fileName).isFile();
  } catch {
    return false;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
