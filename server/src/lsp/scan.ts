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
// The scan yields to the event loop (setImmediate) before every file, so hovers, code actions,
// diagnostics pulls of open files and cancellation are answered while it runs; a cancelled or
// superseded scan stops before its next file.
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancellationToken,
  Connection,
  Diagnostic,
  ProgressToken,
  WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectFiles } from '../cli/files';
import type { Engine, FileReport } from '../engine/engine';
import { errorMessage } from '../engine/host/projectHost';
import { toDiagnostic } from './convert';

export const SCAN_REQUEST = 'loopguard/scanWorkspace';

export interface ScanParams {
  /** Folders to scan (file URIs); default: the workspace folders given at initialize. */
  folders?: string[];
  /** A progress token created by the client (LSP client-initiated work done progress). */
  workDoneToken?: ProgressToken;
}

export interface ScanResult {
  /** Files listed for the scan. */
  files: number;
  /** Files analysed before the scan ended. */
  analysed: number;
  problems: number;
  filesWithProblems: number;
  cancelled: boolean;
  ms: number;
}

/** Lets queued messages (requests, notifications, cancellations) run before the next chunk of work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface ScannerOptions {
  connection: Connection;
  engine: () => Engine;
  /** The report of an open document (cached per version), or undefined when it is not analysable. */
  openReport: (fileName: string) => FileReport | undefined;
  /** File names of the open documents. */
  isOpen: (fileName: string) => boolean;
  folders: () => string[];
  packageRoot: string;
  log: (message: string) => void;
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = { ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', jsx: 'javascriptreact' };
const languageOf = (fileName: string): string => LANGUAGE_BY_EXTENSION[fileName.slice(fileName.lastIndexOf('.') + 1)] ?? 'javascript';

/** Throttle for progress reports: at most one every REPORT_MS (plus the first and the last). */
const REPORT_MS = 100;

export class WorkspaceScanner {
  /** Closed files whose problems are published, with the uri they were published under. */
  private readonly published = new Map<string, string>();
  /** Files covered by the last scan: their problems follow them when they are closed or change on disk. */
  private readonly scanned = new Set<string>();
  private current: { stop: () => void } | undefined;
  private readonly refreshQueue = new Set<string>();
  private draining = false;

  constructor(private readonly options: ScannerOptions) {}

  /** Runs a scan; a running scan is superseded (it stops before its next file). Never throws. */
  async scan(params: ScanParams | undefined, token: CancellationToken): Promise<ScanResult> {
    const started = Date.now();
    const result: ScanResult = { files: 0, analysed: 0, problems: 0, filesWithProblems: 0, cancelled: false, ms: 0 };
    this.current?.stop();
    let superseded = false;
    const mine = { stop: () => (superseded = true) };
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
    try {
      progress?.begin('Loop Guard', 0, 'listing files', true);
      await yieldToEventLoop();
      const engine = this.options.engine();
      const folders = params?.folders?.length ? params.folders.flatMap((uri) => fileNameOf(uri) ?? []) : this.options.folders();
      const collection = collectFiles(folders, folders[0] ?? process.cwd());
      for (const note of collection.notes) this.options.log(`Scan Workspace: ${note}`);
      const files = collection.files.filter((file) => engine.isAnalysable(file) && !engine.isExcluded(file));
      result.files = files.length;
      const visited = new Set<string>();
      let lastReport = 0;
      for (const [index, fileName] of files.entries()) {
        await yieldToEventLoop();
        if (stopped()) break;
        const count = this.analyse(fileName);
        visited.add(fileName);
        result.analysed++;
        result.problems += count;
        if (count > 0) result.filesWithProblems++;
        const now = Date.now();
        if (index === 0 || index === files.length - 1 || now - lastReport >= REPORT_MS) {
          lastReport = now;
          progress?.report(Math.floor(((index + 1) * 100) / files.length), `${index + 1}/${files.length} files`);
        }
      }
      result.cancelled = result.analysed < files.length;
      if (!result.cancelled) {
        // Files gone from the workspace (deleted, now excluded or ignored) lose their problems.
        for (const fileName of [...this.published.keys()]) if (!visited.has(fileName)) this.unpublish(fileName);
        this.scanned.clear();
      }
      for (const fileName of visited) this.scanned.add(fileName);
    } catch (error) {
      this.options.log(`Scan Workspace failed: ${errorMessage(error)}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`);
      result.cancelled = true;
    } finally {
      progress?.done();
      if (this.current === mine) this.current = undefined;
    }
    result.ms = Date.now() - started;
    this.options.log(
      `Scan Workspace: ${result.cancelled ? 'stopped after' : 'analysed'} ${result.analysed}/${result.files} files in ${result.ms} ms; ${result.problems} problems in ${result.filesWithProblems} files.`,
    );
    return result;
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

  /** Files changed on disk: re-analyse the scanned ones, drop the deleted ones. */
  changedOnDisk(fileNames: string[], deleted: string[]): void {
    for (const fileName of deleted) {
      this.scanned.delete(fileName);
      this.unpublish(fileName);
    }
    this.queueRefresh(fileNames.filter((fileName) => this.scanned.has(fileName)));
  }

  /** Settings changed: every published file is analysed again, in the background. */
  settingsChanged(): void {
    this.queueRefresh([...this.scanned]);
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
      for (const note of report.notes) this.options.log(note);
      const uri = this.published.get(fileName) ?? pathToFileURL(fileName).toString();
      const document = TextDocument.create(uri, languageOf(fileName), 0, report.text);
      const diagnostics: Diagnostic[] = report.findings.map((finding, index) => toDiagnostic(finding, document, index, this.options.packageRoot));
      if (diagnostics.length > 0 || this.published.has(fileName)) this.publish(fileName, uri, diagnostics);
      return diagnostics.length;
    } catch (error) {
      this.options.log(`Scan Workspace: ${fileName} skipped (${errorMessage(error)}).`);
      return 0;
    }
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

function fileNameOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
