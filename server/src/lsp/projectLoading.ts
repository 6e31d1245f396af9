// The first diagnostics of a large project come from a program of the opened file and what it
// imports (ProjectHost.answerFileFirst); the rest of the project is then built here, in steps of a
// few milliseconds with the event loop free in between (edits, pulls and cancellations keep being
// answered). When a project's whole program exists, the open files' diagnostics are refreshed:
// findings that read the whole program (callers in other files, worker entry points) may differ.
// The client's status item says "loading <project>" from the first analysis until then.
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import { errorMessage, type ProjectEntry } from '../engine/host/projectHost';
import { PROJECT_LOADING_NOTIFICATION, ProjectLoadingParams } from './protocol';
import { yieldToEventLoop } from './scan';

/** Work per step, in milliseconds, before the loop is given back to incoming messages. */
const STEP_MS = 20;

export interface ProjectLoaderOptions {
  connection: Connection;
  engine: () => Engine;
  root: () => string | undefined;
  log: (message: string) => void;
  /** A project's whole program was built: cached reports are stale, diagnostics must be pulled again. */
  loaded: () => void;
}

export class ProjectLoader {
  /** Projects announced as loading to the client, by key, with what was sent. */
  private readonly announced = new Map<string, ProjectLoadingParams>();
  private running = false;
  private stopped = false;

  constructor(private readonly options: ProjectLoaderOptions) {}

  /** Before a file is analysed: says "loading" when its project has no whole program yet. */
  willAnalyse(fileName: string): void {
    const engine = this.options.engine();
    if (!engine.isAnalysable(fileName)) return;
    const entry = engine.host.projectFor(fileName);
    if (engine.host.hasProgram(entry) || this.announced.has(entry.key)) return;
    const params: ProjectLoadingParams = { project: this.nameOf(entry), ...(entry.configPath ? { config: entry.configPath } : {}), loading: true };
    this.announced.set(entry.key, params);
    this.send(params);
  }

  /** After an analysis: builds the projects left partial in the background, clears what is loaded. */
  analysed(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.run()
      .catch((error) => this.options.log(`loading the project failed: ${errorMessage(error)}`))
      .finally(() => {
        this.running = false;
      });
  }

  /** The engine was replaced or its projects dropped: nothing announced is pending any more. */
  reset(): void {
    for (const params of this.announced.values()) this.send({ ...params, loading: false });
    this.announced.clear();
  }

  stop(): void {
    this.stopped = true;
  }

  /** Projects announced and not loading (small projects are built whole at once). */
  private clearLoaded(engine: Engine): void {
    const loading = new Set(engine.host.loadingProjects().map((entry) => entry.key));
    for (const [key, params] of this.announced) {
      if (loading.has(key)) continue;
      this.announced.delete(key);
      this.send({ ...params, loading: false });
    }
  }

  private async run(): Promise<void> {
    // The answer that triggered us goes out first.
    await yieldToEventLoop();
    for (;;) {
      const engine = this.options.engine();
      this.clearLoaded(engine);
      const entry = engine.host.loadingProjects()[0];
      if (!entry || this.stopped) return;
      const started = Date.now();
      while (!engine.host.loadStep(entry, STEP_MS)) {
        await yieldToEventLoop();
        if (this.stopped || this.options.engine() !== engine) return;
      }
      this.options.log(`Loaded ${this.nameOf(entry)} in the background (${Date.now() - started} ms).`);
      this.clearLoaded(engine);
      this.options.loaded();
    }
  }

  private nameOf(entry: ProjectEntry): string {
    const root = this.options.root();
    if (!entry.configPath) return 'files without tsconfig.json';
    const folder = path.dirname(entry.configPath);
    const relative = root ? path.relative(root, folder) : '';
    return relative === '' ? path.basename(folder) : relative.startsWith('..') || path.isAbsolute(relative) ? folder : relative.split(path.sep).join('/');
  }

  private send(params: ProjectLoadingParams): void {
    void this.options.connection.sendNotification(PROJECT_LOADING_NOTIFICATION, params).catch(() => undefined);
  }
}
