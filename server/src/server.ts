// The language server: a thin LSP adapter over the engine. Every handler is guarded so that one
// failing request is logged and answered empty, never fatal.
import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  Connection,
  DiagnosticServerCancellationData,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MessageType,
  ShowMessageNotification,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, FileReport } from './engine/engine';
import type { PythonRuleDefinition } from './engine/python/rule';
import { SUPPRESSIONS_FILE } from './engine/baseline';
import { applyEdits, fixAllEdits } from './engine/findings';
import { errorMessage } from './engine/host/projectHost';
import { normalizeSettings } from './engine/settings';
import { DiagnosticData, FIX_ALL_KIND, SOURCE, fixAction, learnAction, toDiagnostic, toDocumentEdit } from './lsp/convert';
import {
  CONFIG_CHANGED_NOTIFICATION,
  CONFIG_FOR_REQUEST,
  ConfigForParams,
  ConfigForResult,
  RULE_FAILURES_NOTIFICATION,
  RuleFailuresParams,
  SCAN_REQUEST,
  ScanParams,
} from './lsp/protocol';
import { ConfigDiagnostics } from './lsp/configDiagnostics';
import { CONFIG_FILE_NAME } from './engine/config/configFile';
import { withInjectedFaults } from './engine/host/faultInjection';
import { ScanWorkerData, WorkspaceScanner, runScanWorker, yieldToEventLoop } from './lsp/scan';
import { PYTHON_RULES, RULES, RULE_IDS } from './rules';
import { PythonLoading } from './lsp/pythonLoading';
import { DiagnosticsPusher, clientPullsDiagnostics } from './lsp/push';
import { ProjectLoader } from './lsp/projectLoading';

/** Files whose appearance or removal changes how Python modules resolve. */
const PYTHON_PROJECT_FILE = /(?:\.py|[\\/](?:pyproject\.toml|setup\.cfg|setup\.py))$/;
import { limitHeapGrowth, stopPretenuring } from './lsp/heap';

const packageRoot = path.resolve(__dirname, '..');

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const pretenuringStopped = stopPretenuring();
  // Limited once the first project is loaded: loading it at V8's default growth costs less CPU.
  let heapGrowingPercent: number | undefined;
  let heapLimited = false;
  const limitHeapOnceLoaded = (): void => {
    if (heapLimited || engine.host.loadingProjects().length > 0) return;
    heapLimited = true;
    heapGrowingPercent = limitHeapGrowth();
  };
  const documents = new TextDocuments(TextDocument);
  let workspaceRoot: string | undefined;
  let workspaceFolders: string[] = [];
  let hasConfigurationCapability = false;
  const log = (message: string, detail?: string) => connection.console.log(detail ? `${message}\n${detail}` : message);
  const rules = withInjectedFaults(RULES);
  const pythonRules = options.pythonRules ?? PYTHON_RULES;
  let engine = new Engine({ rules, pythonRules, log });
  /**
   * The last report per document, keyed by uri, with the document version and the workspace
   * generation it was computed for. Any open document's change bumps the generation, since a
   * file's findings depend on the files it imports (no stale results after editing another file).
   */
  const reports = new Map<string, { version: number; generation: number; report: FileReport }>();
  let generation = 0;
  /** In onSave mode, the version last saved: diagnostics follow saves, not keystrokes. */
  const savedVersions = new Map<string, number>();

  const guard = <T>(name: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      connection.console.error(`${name} failed: ${errorMessage(error)}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`);
      return fallback;
    }
  };

  /** Set when the client does not pull diagnostics: the server publishes them (lsp/push.ts). */
  let pusher: DiagnosticsPusher | undefined;

  /** Asks the client to pull diagnostics again; a client that cannot is logged, not fatal. */
  const refreshDiagnostics = (): void => {
    if (pusher) return pusher.scheduleAll(documents.all().map((document) => document.uri));
    connection.languages.diagnostics.refresh().catch((error: unknown) => connection.console.warn(`diagnostics refresh failed: ${errorMessage(error)}`));
  };

  /**
   * Files on which a rule failed the last time they were analysed (open or scanned), with the
   * rules: the client's status item warns while there are any. Never silent: a failure means
   * missing findings, not a clean file.
   */
  const failingRules = new Map<string, string[]>();
  const ruleFailures = (fileName: string, ruleIds: string[]): void => {
    const before = failingRules.get(fileName)?.join(',') ?? '';
    if (ruleIds.length > 0) failingRules.set(fileName, ruleIds);
    else failingRules.delete(fileName);
    if (before === ruleIds.join(',')) return;
    const files = [...failingRules].map(([file, ids]) => ({ fileName: file, ruleIds: ids }));
    const shown = (file: string) => (workspaceRoot && file.startsWith(workspaceRoot + path.sep) ? path.relative(workspaceRoot, file) : file);
    let message: string | undefined;
    if (files.length === 1) message = `${files[0].ruleIds.length === 1 ? `rule ${files[0].ruleIds[0]}` : `rules ${files[0].ruleIds.join(', ')}`} failed on ${shown(files[0].fileName)}: see Output`;
    else if (files.length > 1) message = `rules failed on ${shown(files[0].fileName)} and ${files.length - 1} more file${files.length === 2 ? '' : 's'}: see Output`;
    if (ruleIds.length > 0) connection.console.error(`Loop Guard: rule${ruleIds.length === 1 ? '' : 's'} ${ruleIds.join(', ')} failed on ${fileName}; its findings there are missing.`);
    void connection.sendNotification(RULE_FAILURES_NOTIFICATION, { message, files } satisfies RuleFailuresParams).catch(() => undefined);
  };

  const fileNameOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);
  /** Problems in loopguard.json files, as diagnostics on them (the rest of the workspace keeps working). */
  const configDiagnostics = new ConfigDiagnostics(connection, log);

  const reportFor = (document: TextDocument): FileReport | undefined => {
    const fileName = fileNameOf(document.uri);
    if (!fileName || !engine.isAnalysable(fileName) || engine.isExcluded(fileName)) return undefined;
    const cached = reports.get(document.uri);
    if (cached && cached.version === document.version && cached.generation === generation) return cached.report;
    if (!python.ready(fileName)) return undefined; // loading the parser; diagnostics are pulled again once it is loaded
    engine.host.setOverlay(fileName, document.getText());
    loader.willAnalyse(fileName);
    const report = engine.analyzeFile(fileName);
    loader.analysed();
    limitHeapOnceLoaded();
    configDiagnostics.publish(engine);
    for (const note of report.notes) log(note);
    warnAboutSuppressions(report);
    ruleFailures(fileName, [...new Set((report.ruleFailures ?? []).map((failure) => failure.ruleId))]);
    reports.set(document.uri, { version: document.version, generation, report });
    return report;
  };

  /** A suppressions file that cannot be used: one warning per problem (analysis goes on without that baseline). */
  const suppressionsWarned = new Set<string>();
  const warnAboutSuppressions = (report: FileReport): void => {
    const error = report.baseline?.error;
    if (!error) return;
    const text = `Loop Guard: ${error.path}:${error.line}:${error.column}: ${error.message}. Findings are shown without this baseline until it is fixed.`;
    if (suppressionsWarned.has(text)) return;
    if (suppressionsWarned.size >= 100) suppressionsWarned.clear(); // bounded: the file may be edited all day
    suppressionsWarned.add(text);
    // A notification, not showWarningMessage's request: nothing to answer, nothing left pending.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: text }).catch(() => undefined);
  };

  /** What the server kept for an open file goes when it is closed (its unit cache, a root added for it). */
  const forgetClosed = (fileName: string): void => {
    engine.forgetFile(fileName);
    engine.host.fileClosed(fileName);
  };

  /** The open document of a file name (URIs from the client may be encoded differently from ours). */
  const openDocument = (fileName: string): TextDocument | undefined => documents.all().find((document) => fileNameOf(document.uri) === fileName);

  /** Builds the rest of a large project after its first file is answered (lsp/projectLoading.ts). */
  const loader = new ProjectLoader({
    connection,
    engine: () => engine,
    root: () => workspaceRoot,
    log,
    loaded: () => {
      limitHeapOnceLoaded();
      generation++;
      refreshDiagnostics();
    },
  });

  /** The Python parser, loaded before the first Python document; then every open document's diagnostics are pulled again. */
  const python = new PythonLoading(() => {
    const failure = python.failure();
    if (failure) connection.console.error(`Loop Guard: ${failure}; Python files are not analysed.`);
    generation++;
    refreshDiagnostics();
  });

  const scanner = new WorkspaceScanner({
    connection,
    engine: () => engine,
    openReport: (fileName) => {
      const document = openDocument(fileName);
      return document ? reportFor(document) : undefined;
    },
    isOpen: (fileName) => openDocument(fileName) !== undefined,
    folders: () => workspaceFolders,
    root: () => workspaceRoot,
    overlays: () => documents.all().flatMap((document) => {
      const fileName = fileNameOf(document.uri);
      return fileName && engine.isAnalysable(fileName) ? [[fileName, document.getText()] as [string, string]] : [];
    }),
    packageRoot,
    log,
    ruleFailures,
    workerScript: process.env.LOOPGUARD_SCAN_IN_PROCESS ? undefined : __filename,
  });

  const loadSettings = async (): Promise<void> => {
    // A client that cannot be asked (Helix, Zed, many others) keeps the initializationOptions settings.
    if (!hasConfigurationCapability) return;
    const raw = hasConfigurationCapability ? await connection.workspace.getConfiguration('loopguard') : undefined;
    const { settings, problems } = normalizeSettings(raw, RULE_IDS, undefined, 'editor');
    for (const problem of problems) connection.console.warn(problem);
    engine.updateSettings(settings);
    reports.clear();
  };

  connection.onInitialize((params) => {
    hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
    pusher?.stop();
    pusher = clientPullsDiagnostics(params.capabilities) ? undefined : new DiagnosticsPusher((uri) => publishDiagnostics(uri));
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    workspaceRoot = folder ? fileNameOf(folder) : undefined;
    workspaceFolders = (params.workspaceFolders ?? []).flatMap((entry) => fileNameOf(entry.uri) ?? []);
    if (workspaceFolders.length === 0 && workspaceRoot) workspaceFolders = [workspaceRoot];
    engine = new Engine({ rules, pythonRules, log, root: workspaceRoot, configRoots: workspaceFolders });
    engine.host.answerFileFirst = true;
    loader.reset();
    const initial = normalizeSettings(params.initializationOptions?.settings, RULE_IDS, undefined, 'editor');
    engine.updateSettings(initial.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: { identifier: SOURCE, interFileDependencies: true, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      },
      serverInfo: { name: 'Loop Guard', version: LOOPGUARD_VERSION },
    };
  });

  connection.onInitialized(() => {
    void loadSettings().catch((error) => connection.console.error(`loading settings failed: ${errorMessage(error)}`));
  });

  connection.onDidChangeConfiguration(async (change) => {
    try {
      if (hasConfigurationCapability) await loadSettings();
      else engine.updateSettings(normalizeSettings(change.settings?.loopguard, RULE_IDS, undefined, 'editor').settings);
      reports.clear();
      refreshDiagnostics();
      scanner.settingsChanged();
    } catch (error) {
      connection.console.error(`applying settings failed: ${errorMessage(error)}`);
    }
  });

  documents.onDidChangeContent((event) => {
    guard('document change', undefined, () => {
      const fileName = fileNameOf(event.document.uri);
      if (fileName && engine.isAnalysable(fileName)) engine.host.setOverlay(fileName, event.document.getText());
      generation++;
      // Opening is a change too (didOpen fires both): published once the burst settles.
      if (pusher && (engine.getSettings().run === 'onType' || !savedVersions.has(event.document.uri))) pusher.schedule(event.document.uri);
    });
  });

  documents.onDidOpen((event) => {
    guard('document open', undefined, () => {
      const fileName = fileNameOf(event.document.uri);
      if (fileName) python.ready(fileName); // starts loading the Python parser for the first .py document
      if (fileName) scanner.opened(fileName);
    });
  });

  documents.onDidClose((event) => {
    guard('document close', undefined, () => {
      const fileName = fileNameOf(event.document.uri);
      if (fileName) engine.host.removeOverlay(fileName);
      if (fileName) forgetClosed(fileName);
      reports.delete(event.document.uri);
      generation++;
      savedVersions.delete(event.document.uri);
      if (pusher) {
        // Pushed diagnostics outlive the document unless cleared (a scan may publish them again below).
        pusher.cancel(event.document.uri);
        void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }).catch(() => undefined);
      }
      if (fileName) scanner.closed(fileName);
    });
  });

  documents.onDidSave((event) => {
    savedVersions.set(event.document.uri, event.document.version);
    if (engine.getSettings().run === 'onSave') {
      if (pusher) pusher.schedule(event.document.uri);
      else refreshDiagnostics();
    }
  });

  /** Push mode: the open document's findings, as the pull handler would answer them. */
  function publishDiagnostics(uri: string): void {
    guard('diagnostics', undefined, () => {
      const document = documents.get(uri);
      if (!document) return;
      const report = reportFor(document);
      const diagnostics = report ? report.findings.map((finding, index) => toDiagnostic(finding, document, index, packageRoot)) : [];
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics }).catch(() => undefined);
    });
  }

  connection.onDidChangeWatchedFiles((params) => {
    guard('file watcher', undefined, () => {
      const changed: string[] = [];
      const deleted: string[] = [];
      let suppressionsChanged = false;
      if (params.changes.some((change) => path.basename(fileNameOf(change.uri) ?? '') === CONFIG_FILE_NAME)) {
        // A loopguard.json changed, appeared or went: every file's settings may differ now.
        engine.configChanged();
        // Read the configs of the open files now, so a mistake shows on loopguard.json before the next pull.
        for (const document of documents.all()) {
          const fileName = fileNameOf(document.uri);
          if (fileName) engine.configFor(fileName);
        }
        configDiagnostics.publish(engine);
        scanner.settingsChanged();
        void connection.sendNotification(CONFIG_CHANGED_NOTIFICATION).catch(() => undefined);
      }
      for (const change of params.changes) {
        const fileName = fileNameOf(change.uri);
        if (!fileName || path.basename(fileName) === CONFIG_FILE_NAME) continue;
        if (path.basename(fileName) === SUPPRESSIONS_FILE) {
          suppressionsChanged = true; // not a source or project file: the host has nothing to drop
          continue;
        }
        engine.host.fileChangedOnDisk(fileName);
        // A Python module or project file created or deleted: module lookups and project roots may change.
        if (change.type !== FileChangeType.Changed && PYTHON_PROJECT_FILE.test(fileName)) engine.pythonProject.fileSystemChanged();
        (change.type === FileChangeType.Deleted ? deleted : changed).push(fileName);
        if (change.type === FileChangeType.Deleted) ruleFailures(fileName, []);
      }
      reports.clear();
      refreshDiagnostics();
      scanner.changedOnDisk(changed, deleted);
      if (suppressionsChanged) {
        // The baseline is read again on the next analysis; files published by Scan Workspace are refreshed too.
        engine.baselines.changed();
        scanner.settingsChanged();
      }
    });
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> => {
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // Stale work: while typing, a pull for version N is often followed by the change to N+1 and
    // its own pull. Yield once so queued changes and cancellations land, then answer only for the
    // current text: a superseded pull is cancelled (the client pulls again), never analysed.
    const arrived = documents.get(params.textDocument.uri)?.version;
    if (arrived === undefined) return empty;
    await yieldToEventLoop();
    await yieldToEventLoop(); // the message queue schedules its next message after our first yield
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'diagnostics request cancelled');
    const current = documents.get(params.textDocument.uri);
    if (current && current.version !== arrived) {
      return new ResponseError(LSPErrorCodes.ServerCancelled, `version ${arrived} was superseded by ${current.version}`, { retriggerRequest: true });
    }
    // A project without a program yet: "loading" reaches the client before the (long) first build.
    const pulled = fileNameOf(params.textDocument.uri);
    if (pulled && !reports.has(params.textDocument.uri)) guard('project loading', undefined, () => loader.willAnalyse(pulled));
    if (pulled) await python.prepared(pulled);
    await yieldToEventLoop();
    return guard('diagnostics', empty, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return empty;
      let target = document;
      if (engine.getSettings().run === 'onSave') {
        const saved = savedVersions.get(document.uri);
        const cached = reports.get(document.uri);
        if (cached && saved !== undefined && saved <= cached.version && cached.version !== document.version) {
          return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: String(cached.version) };
        }
        target = document;
      }
      const report = reportFor(target);
      if (!report) return empty;
      return {
        kind: DocumentDiagnosticReportKind.Full,
        resultId: String(document.version),
        items: report.findings.map((finding, index) => toDiagnostic(finding, document, index, packageRoot)),
      };
    });
  });

  connection.onCodeAction((params) => guard('code actions', [], () => codeActions(params)));

  function codeActions(params: CodeActionParams): CodeAction[] {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    const wantsFixAll = only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind !== CodeActionKind.QuickFix) ?? false;
    const wantsQuickFix = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
    const report = reportFor(document);
    if (!report) return [];
    const actions: CodeAction[] = [];
    if (wantsQuickFix) {
      const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === SOURCE);
      for (const diagnostic of ours) {
        const data = diagnostic.data as DiagnosticData | undefined;
        const finding = data && data.version === document.version ? report.findings[data.index] : undefined;
        if (!finding || finding.ruleId !== diagnostic.code) continue; // stale: VS Code asks again after the next pull
        for (const fix of finding.fixes) actions.push(fixAction(document, fix, diagnostic));
        if (finding.concept) actions.push(learnAction(packageRoot, finding.concept, diagnostic, finding.fileName));
      }
    }
    if (wantsFixAll) {
      const fixAll = fixAllAction(document, report);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  /** All safe fixes of the file in one edit; overlapping fixes are left for the next run. */
  function fixAllAction(document: TextDocument, report: FileReport): CodeAction | undefined {
    const chosen = fixAllEdits(report.findings);
    if (chosen.length === 0) return undefined;
    applyEdits(report.text, chosen); // throws on overlap: never send an edit we could not apply ourselves
    return { title: 'Fix all safe Loop Guard problems', kind: FIX_ALL_KIND, edit: { documentChanges: [toDocumentEdit(document, { edits: chosen })] } };
  }

  connection.onRequest(CONFIG_FOR_REQUEST, (params: ConfigForParams): ConfigForResult =>
    guard('config lookup', { extends: [], problems: 0, ignored: false }, () => {
      const fileName = fileNameOf(params.uri);
      const resolved = fileName ? engine.configFor(fileName) : undefined;
      if (!resolved) return { extends: [], problems: 0, ignored: false };
      configDiagnostics.publish(engine);
      return {
        ...(resolved.file ? { config: pathToFileURL(resolved.file).toString() } : {}),
        extends: resolved.files.filter((file) => file !== resolved.file).map((file) => pathToFileURL(file).toString()),
        problems: resolved.problems.length,
        ignored: resolved.ignored,
      };
    }),
  );

  // "Loop Guard: Scan Workspace" (the client's loopguard.scanWorkspace command).
  connection.onRequest(SCAN_REQUEST, (params: ScanParams | undefined, token) => scanner.scan(params, token));
  connection.onShutdown(() => {
    pusher?.stop();
    scanner.stop();
    loader.stop();
  });

  // Hidden debug request for the memory test: heap in use after a full collection when the
  // server runs with --expose-gc (otherwise as it is), plus how many analyses are cached.
  connection.onRequest('loopguard/heapUsed', () => {
    (globalThis as { gc?: () => void }).gc?.();
    return {
      heapUsed: process.memoryUsage().heapUsed,
      reports: reports.size,
      projects: engine.host.projectCount(),
      published: scanner.publishedCount(),
      host: engine.host.stats,
      unitCaches: engine.cachedFileCount(),
      roots: engine.host.rootCount(),
      heapGrowingPercent,
      pretenuringStopped,
    };
  });

  documents.listen(connection);
  connection.listen();
}

declare const LOOPGUARD_VERSION: string;

/** What an embedder (and the in-process tests) may change; the bundled server uses the registry. */
export interface ServerOptions {
  /** The Python rules (default: the registry's PYTHON_RULES). */
  pythonRules?: readonly PythonRuleDefinition[];
}

if (!isMainThread && (workerData as ScanWorkerData | undefined)?.kind === 'loopguard-scan') {
  // This bundle started as a Scan Workspace worker (see lsp/scan.ts), not as the server.
  void runScanWorker(workerData as ScanWorkerData, (message) => parentPort?.postMessage(message));
} else if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all));
}

/** `loopguard --lsp`: the server over standard input and output, as editors other than VS Code start it. */
export function startStdioServer(options: ServerOptions = {}): void {
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout), options);
}
