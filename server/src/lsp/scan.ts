// "Loop Guard: Scan Workspace": analyses every analysable file of the workspace folders (the
// CLI's file listing: node_modules, .gitignore and loopguard.exclude are skipped) and publishes
// the problems of files that are not open, so the Problems panel lists the whole workspace.
//
// Why publish (textDocument/publishDiagnostics) rather than answer workspace/diagnostic: VS Code
// shows pushed diagnostics for any file, open or closed, and the scan stays a command the user
// runs. vscode-languageclient starts a workspace/diagnostic pull by itself on start-up and repeats
// it every two seconds once it returns, so `workspaceDiagnostics: true` would turn a whole-project
// analysis into a start-up cost of every window, with no progress the user can cancel. Open files
// keep their pull diagnostics: a file's pushed problems are cleared when it is opened (the pull
// result takes over, no duplicates) and re-published from disk when it is closed again.
//
// The analysis runs in a worker thread with an engine of its own (the open documents' texts are
// handed over at the start), so the server's event loop stays free for hovers, code actions,
// diagnostics pulls and cancellation even while the worker builds a large project's program,
// which TypeScript does in one piece. Cancelling or superseding a scan terminates the worker at
// once; its memory is released when the scan ends. Should a worker not start, the scan runs in
// the server itself and yields to the event loop (setImmediate) before every file.
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancellationToken,
  Connection,
  Diagnostic,
  WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectFiles } from '../cli/files';
import { Engine, FileReport } from '../engine/engine';
import { withInjectedFaults } from '../engine/host/faultInjection';
import { errorMessage } from '../engine/host/projectHost';
import type { LoopGuardSettings } from '../engine/settings';
import { PYTHON_RULES, RULES } from '../rules';
import { isPythonFile, preparePython } from '../engine/python/parser';
import { toDiagnostic } from './convert';
import { ScanParams, ScanResult } from './protocol';

/** Lets queued messages (requests, notifications, cancellations) run before the next chunk of work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What the server hands the scan worker (structured-cloned). */
export interface ScanWorkerData {
  kind: 'loopguard-scan';
  folders: string[];
  /** Folder that exclude globs are relative to (the engine's root). */
  root: string | undefined;
  settings: LoopGuardSettings;
  /** Open documents' texts: the worker analyses what the user sees, not what is on disk. */
  overlays: [string, string][];
  packageRoot: string;
}

/** Worker -> server messages. */
type ScanWorkerMessage =
  | { type: 'listed'; total: number; notes: string[] }
  | { type: 'file'; fileName: string; uri: string; diagnostics: Diagnostic[]; notes: string[]; failedRules?: string[] }
  | { type: 'done' };

export interface ScannerOptions {
  connection: Connection;
  engine: () => Engine;
  /** The report of an open document (cached per version), or undefined when it is not analysable. */
  openReport: (fileName: string) => FileReport | undefined;
  /** File names of the open documents. */
  isOpen: (fileName: string) => boolean;
  folders: () => string[];
  /** The engine's root (exclude globs are relative to it). */
  root: () => string | undefined;
  /** Open documents: [file name, text]. */
  overlays: () => [string, string][];
  packageRoot: string;
  log: (message: string) => void;
  /** The rules that failed on a file analysed by a scan (none: an empty list), for the status item. */
  ruleFailures?: (fileName: string, ruleIds: string[]) => void;
  /** The script a scan worker runs (the bundled server; it turns into a worker when started as one). */
  workerScript?: string;
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = { ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', jsx: 'javascriptreact', py: 'python' };
const languageOf = (fileName: string): string => LANGUAGE_BY_EXTENSION[fileName.slice(fileName.lastIndexOf('.') + 1)] ?? 'javascript';

/** Throttle for progress reports: at most one every REPORT_MS (plus the first and the last). */
const REPORT_MS = 100;
/** Above this many files to refresh, a new scan (in a worker) is cheaper for the server's event loop than file by file in it. */
const RESCAN_THRESHOLD = 20;

export class WorkspaceScanner {
  /** Closed files whose problems are published, with the uri they were published under. */
  private readonly published = new Map<string, string>();
  /** Files covered by the last scan: their problems follow them when they are closed or change on disk. */
  private readonly scanned = new Set<string>();
  private current: { stop: () => void } | undefined;
  /** The folders (URIs) of the last scan, for a rescan after a settings change. */
  private lastFolders: string[] | undefined;
  private readonly refreshQueue = new Set<string>();
  private draining = false;

  constructor(private readonly options: ScannerOptions) {}

  /** Runs a scan; a running scan is superseded (it stops before its next file). Never throws. */
  async scan(params: ScanParams | undefined, token: CancellationToken): Promise<ScanResult> {
    const started = Date.now();
    const result: ScanResult = { files: 0, analysed: 0, problems: 0, filesWithProblems: 0, cancelled: false, ms: 0 };
    this.current?.stop();
    let superseded = false;
    let stopWorker: (() => void) | undefined;
    const mine = {
      stop: () => {
        superseded = true;
        stopWorker?.();
      },
    };
    this.current = mine;
    const { connection } = this.options;
    let progress: WorkDoneProgressReporter | undefined;
    let progressToken: CancellationToken | undefined;
    try {
      if (params?.workDoneToken !== undefined) progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
      else {
        const serverProgress = await connection.window.createWorkDoneProgress();
        progressToken = serverProgress.token;
        progress = serverProgress;
      }
    } catch (error) {
      this.options.log(`Scan Workspace: no progress reporting (${errorMessage(error)}).`);
    }
    const stopped = () => superseded || token.isCancellationRequested || !!progressToken?.isCancellationRequested;
    const state: ScanState = { result, visited: new Set(), progress, lastReport: 0, stopped };
    const subscriptions = [token.onCancellationRequested(() => mine.stop()), progressToken?.onCancellationRequested(() => mine.stop())];
    try {
      progress?.begin('Loop Guard', 0, 'listing files', true);
      this.lastFolders = params?.folders;
      const folders = params?.folders?.length ? params.folders.flatMap((uri) => fileNameOf(uri) ?? []) : this.options.folders();
      const ran = this.options.workerScript ? await this.scanInWorker(folders, state, (stop) => (stopWorker = stop)) : false;
      if (!ran) await this.scanInProcess(folders, state);
      result.cancelled = stopped() || result.analysed < result.files;
      if (!result.cancelled) {
        // Files gone from the workspace (deleted, now excluded or ignored) lose their problems.
        for (const fileName of [...this.published.keys()]) if (!state.visited.has(fileName)) this.unpublish(fileName);
        this.scanned.clear();
      }
      for (const fileName of state.visited) this.scanned.add(fileName);
    } catch (error) {
      this.options.log(`Scan Workspace failed: ${errorMessage(error)}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`);
      result.cancelled = true;
    } finally {
      for (const subscription of subscriptions) subscription?.dispose();
      progress?.done();
      if (this.current === mine) this.current = undefined;
    }
    result.ms = Date.now() - started;
    this.options.log(
      `Scan Workspace: ${result.cancelled ? 'stopped after' : 'analysed'} ${result.analysed}/${result.files} files in ${result.ms} ms; ${result.problems} problems in ${result.filesWithProblems} files.`,
    );
    return result;
  }

  /**
   * The analysis in a worker thread. Resolves true when the worker ran (to the end, or until the
   * scan was stopped), false when no worker could be started (the caller scans in process).
   */
  private scanInWorker(folders: string[], state: ScanState, onStop: (stop: () => void) => void): Promise<boolean> {
    const data: ScanWorkerData = {
      kind: 'loopguard-scan',
      folders,
      root: this.options.root(),
      settings: this.options.engine().getSettings(),
      overlays: this.options.overlays(),
      packageRoot: this.options.packageRoot,
    };
    let worker: Worker;
    try {
      worker = new Worker(this.options.workerScript!, { workerData: data, stdout: true, stderr: true });
    } catch (error) {
      this.options.log(`Scan Workspace: no worker thread (${errorMessage(error)}); scanning in the server.`);
      return Promise.resolve(false);
    }
    // The server speaks LSP on stdout: whatever the worker prints goes to the log instead.
    for (const stream of [worker.stdout, worker.stderr]) stream?.on('data', (chunk: Buffer) => this.options.log(`Scan Workspace worker: ${String(chunk).trimEnd()}`));
    return new Promise<boolean>((resolve) => {
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        void worker.terminate().catch(() => undefined);
        resolve(true);
      };
      onStop(finish);
      if (state.stopped()) finish();
      worker.on('message', (message: ScanWorkerMessage) => {
        if (finished) return;
        try {
          if (message.type === 'listed') {
            state.result.files = message.total;
            for (const note of message.notes) this.options.log(`Scan Workspace: ${note}`);
          } else if (message.type === 'file') {
            for (const note of message.notes) this.options.log(note);
            this.options.ruleFailures?.(message.fileName, message.failedRules ?? []);
            this.record(state, message.fileName, this.take(message.fileName, message.uri, message.diagnostics));
          } else finish();
          if (state.stopped()) finish();
        } catch (error) {
          this.options.log(`Scan Workspace: ${errorMessage(error)}`);
        }
      });
      worker.on('error', (error) => {
        this.options.log(`Scan Workspace: the worker failed (${errorMessage(error)}).`);
        finish();
      });
      worker.on('exit', finish);
    });
  }

  /** The analysis in the server itself, yielding to the event loop before every file. */
  private async scanInProcess(folders: string[], state: ScanState): Promise<void> {
    await yieldToEventLoop();
    const { files, notes } = listFiles(this.options.engine(), folders);
    for (const note of notes) this.options.log(`Scan Workspace: ${note}`);
    state.result.files = files.length;
    if (files.some(isPythonFile)) await preparePython();
    for (const fileName of files) {
      await yieldToEventLoop();
      if (state.stopped()) break;
      this.record(state, fileName, this.analyse(fileName));
    }
  }

  private record(state: ScanState, fileName: string, count: number): void {
    const { result } = state;
    state.visited.add(fileName);
    result.analysed++;
    result.problems += count;
    if (count > 0) result.filesWithProblems++;
    const now = Date.now();
    if (result.analysed === 1 || result.analysed === result.files || now - state.lastReport >= REPORT_MS) {
      state.lastReport = now;
      state.progress?.report(Math.floor((result.analysed * 100) / Math.max(1, result.files)), `${result.analysed}/${result.files} files`);
    }
  }

  /** A worker's result for a file: published when the file is closed; an open file keeps its pull diagnostics. */
  private take(fileName: string, uri: string, diagnostics: Diagnostic[]): number {
    if (this.options.isOpen(fileName)) {
      this.unpublish(fileName);
      return diagnostics.length;
    }
    return this.publishClosed(fileName, this.published.get(fileName) ?? uri, diagnostics);
  }

  /** Stops a running scan (server shutdown). */
  stop(): void {
    this.current?.stop();
    this.refreshQueue.clear();
  }

  /** A document was opened: its pull diagnostics take over from the published ones. */
  opened(fileName: string): void {
    this.unpublish(fileName);
  }

  /** A scanned document was closed: the pull diagnostics are dropped by the client, so publish its problems again. */
  closed(fileName: string): void {
    if (this.scanned.has(fileName)) this.queueRefresh([fileName]);
  }

  /** Files changed on disk: re-analyse the scanned ones (a few here, many by a new scan), drop the deleted ones. */
  changedOnDisk(fileNames: string[], deleted: string[]): void {
    for (const fileName of deleted) {
      this.scanned.delete(fileName);
      this.unpublish(fileName);
    }
    const scanned = fileNames.filter((fileName) => this.scanned.has(fileName));
    if (scanned.length > RESCAN_THRESHOLD) this.rescan();
    else this.queueRefresh(scanned);
  }

  /** Settings changed: the scanned files' problems are computed again by a new scan (in a worker). */
  settingsChanged(): void {
    if (this.scanned.size > RESCAN_THRESHOLD) this.rescan();
    else this.queueRefresh([...this.scanned]);
  }

  /** Scans the last scanned folders again (progress in the status bar; supersedes a running scan). */
  private rescan(): void {
    this.refreshQueue.clear();
    void this.scan({ folders: this.lastFolders }, CancellationToken.None);
  }

  /** How many closed files have published problems (for tests and the debug request). */
  publishedCount(): number {
    return this.published.size;
  }

  /** Analyses one file and publishes its problems if it is closed; returns the number of problems. */
  private analyse(fileName: string): number {
    try {
      if (this.options.isOpen(fileName)) {
        this.unpublish(fileName);
        return this.options.openReport(fileName)?.findings.length ?? 0;
      }
      const report = this.options.engine().analyzeFile(fileName);
      this.options.engine().forgetFile(fileName); // closed: nothing of it is kept for the next edit
      for (const note of report.notes) this.options.log(note);
      this.options.ruleFailures?.(fileName, failedRuleIds(report));
      const uri = this.published.get(fileName) ?? pathToFileURL(fileName).toString();
      return this.publishClosed(fileName, uri, diagnosticsOf(report, uri, this.options.packageRoot));
    } catch (error) {
      this.options.log(`Scan Workspace: ${fileName} skipped (${errorMessage(error)}).`);
      return 0;
    }
  }

  /** A closed file's problems: published unless there are none and none were published before; returns their number. */
  private publishClosed(fileName: string, uri: string, diagnostics: Diagnostic[]): number {
    if (diagnostics.length > 0 || this.published.has(fileName)) this.publish(fileName, uri, diagnostics);
    return diagnostics.length;
  }

  private publish(fileName: string, uri: string, diagnostics: Diagnostic[]): void {
    if (diagnostics.length > 0) this.published.set(fileName, uri);
    else this.published.delete(fileName);
    void this.options.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }

  private unpublish(fileName: string): void {
    const uri = this.published.get(fileName);
    if (uri !== undefined) this.publish(fileName, uri, []);
  }

  private queueRefresh(fileNames: string[]): void {
    for (const fileName of fileNames) this.refreshQueue.add(fileName);
    if (this.draining || this.refreshQueue.size === 0) return;
    this.draining = true;
    void (async () => {
      try {
        while (this.refreshQueue.size > 0) {
          await yieldToEventLoop();
          const [fileName] = this.refreshQueue;
          if (fileName === undefined) break;
          this.refreshQueue.delete(fileName);
          if (!this.options.isOpen(fileName)) this.analyse(fileName);
        }
      } finally {
        this.draining = false;
      }
    })();
  }
}

interface ScanState {
  result: ScanResult;
  visited: Set<string>;
  progress: WorkDoneProgressReporter | undefined;
  lastReport: number;
  stopped: () => boolean;
}

/** The files a scan analyses: the CLI's listing of the folders, minus files the engine does not analyse or excludes. */
function failedRuleIds(report: FileReport): string[] {
  return [...new Set((report.ruleFailures ?? []).map((failure) => failure.ruleId))];
}

function listFiles(engine: Engine, folders: string[]): { files: string[]; notes: string[] } {
  const collection = collectFiles(folders, folders[0] ?? process.cwd(), {
    parentIgnores: false,
    includeBuildOutput: false,
    includeBuildOutputHint: 'open a file there to check it, or run the loopguard CLI with --include-build-output',
  });
  return { files: collection.files.filter((file) => engine.isAnalysable(file) && !engine.isExcluded(file)), notes: collection.notes };
}

/** The diagnostics of a closed file's report, as published. */
function diagnosticsOf(report: FileReport, uri: string, packageRoot: string): Diagnostic[] {
  const document = TextDocument.create(uri, languageOf(report.fileName), 0, report.text);
  return report.findings.map((finding, index) => toDiagnostic(finding, document, index, packageRoot));
}

/**
 * The scan worker's main: an engine of its own over the workspace folders, with the open
 * documents' texts laid over the disk; posts one message per file. Never throws (a file that
 * fails is posted without problems and a note).
 */
export async function runScanWorker(data: ScanWorkerData, post: (message: ScanWorkerMessage) => void): Promise<void> {
  const notes: string[] = [];
  const engine = new Engine({ rules: withInjectedFaults(RULES), pythonRules: PYTHON_RULES, root: data.root, log: (message) => notes.push(message) });
  engine.updateSettings(data.settings);
  for (const [fileName, text] of data.overlays) engine.host.setOverlay(fileName, text);
  const listing = listFiles(engine, data.folders);
  const { files } = listing;
  engine.host.addRootFiles(files); // one program per project, not a rebuild per file outside any config
  post({ type: 'listed', total: files.length, notes: [...listing.notes, ...notes.splice(0)] });
  if (files.some(isPythonFile)) await preparePython(); // never rejects: a parser that cannot load is a note per file
  for (const fileName of files) {
    const uri = pathToFileURL(fileName).toString();
    let diagnostics: Diagnostic[] = [];
    let failedRules: string[] = [];
    try {
      const report = engine.analyzeFile(fileName);
      notes.push(...report.notes);
      failedRules = failedRuleIds(report);
      diagnostics = diagnosticsOf(report, uri, data.packageRoot);
    } catch (error) {
      notes.push(`Scan Workspace: ${fileName} skipped (${errorMessage(error)}).`);
    }
    post({ type: 'file', fileName, uri, diagnostics, notes: notes.splice(0), failedRules });
  }
  post({ type: 'done' });
}

function fileNameOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
