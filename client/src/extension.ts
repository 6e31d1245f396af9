// The VS Code client: starts the server (and restarts it with back-off when it dies), forwards
// settings (the server pulls them through workspace/configuration), shows a language status item
// and registers the "Learn" and "Scan Workspace" commands. Everything else is the server's job.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
  WorkDoneProgress,
} from 'vscode-languageclient/node';
import {
  CONFIG_CHANGED_NOTIFICATION,
  CONFIG_FOR_REQUEST,
  ConfigForParams,
  ConfigForResult,
  PROJECT_LOADING_NOTIFICATION,
  ProjectLoadingParams,
  RULE_FAILURES_NOTIFICATION,
  RuleFailuresParams,
  SCAN_REQUEST,
  ScanParams,
  ScanResult,
} from '../../server/src/lsp/protocol';
import { RestartPolicy } from './restartPolicy';

const LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'python'];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Loop Guard', { log: true });
  const status = vscode.languages.createLanguageStatusItem('loopguard.status', LANGUAGES);
  status.name = 'Loop Guard';
  status.text = '$(sync~spin) Loop Guard';
  status.detail = 'starting';
  status.command = { title: 'Show output', command: 'loopguard.showOutput' };
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const restartPolicy = new RestartPolicy();
  /** Set after a crash: shown in the status item once the server runs again (not a modal). */
  let crashNote: string | undefined;
  /** The server's "a rule failed on <file>: see Output", while some file has a failing rule. */
  let ruleFailureNote: string | undefined;
  /** Projects whose program the server is building ("Loop Guard: loading <project>"), by config (or name). */
  const loading = new Map<string, string>();
  const enabled = () => vscode.workspace.getConfiguration('loopguard').get<boolean>('enable', true);
  const showRunning = () => {
    if (!enabled()) setStatus(status, 'off', 'disabled in settings');
    else if (loading.size > 0) {
      const names = [...loading.values()];
      setStatus(status, 'busy', `loading ${names.join(', ')}: the open file is answered first, the rest of the project follows`);
      status.text = `$(sync~spin) Loop Guard: loading ${names[0]}${names.length > 1 ? ` (+${names.length - 1})` : ''}`;
    }
    else if (crashNote) setStatus(status, 'warning', `running; ${crashNote}`);
    else if (ruleFailureNote) setStatus(status, 'warning', ruleFailureNote);
    else setStatus(status, 'ok', 'running');
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: {
      configurationSection: 'loopguard',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,tsconfig.json,jsconfig.json,*.py,pyproject.toml,setup.cfg,setup.py,loopguard.json,loopguard-suppressions.json}'),
    },
    initializationOptions: { settings: vscode.workspace.getConfiguration().get('loopguard') },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: async () => {
        // Bounded restarts with back-off; the status item says what happened, never a modal dialog.
        const decision = restartPolicy.onCrash();
        if (!decision.restart) {
          crashNote = undefined;
          setStatus(status, 'error', decision.message);
          output.error(`Loop Guard: ${decision.message}.`);
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        crashNote = decision.message;
        setStatus(status, 'busy', `the server stopped unexpectedly; restarting (${decision.crashes}/${decision.maxRestarts})`);
        output.warn(`Loop Guard: the server stopped unexpectedly; restarting in ${decision.delayMs} ms (${decision.crashes}/${decision.maxRestarts}).`);
        await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };

  client = new LanguageClient('loopguard', 'Loop Guard', serverOptions, clientOptions);
  client.onNotification(RULE_FAILURES_NOTIFICATION, (params: RuleFailuresParams) => {
    ruleFailureNote = params.message;
    if (client?.state === State.Running) showRunning();
  });
  client.onNotification(PROJECT_LOADING_NOTIFICATION, (params: ProjectLoadingParams) => {
    const key = params.config ?? params.project;
    if (params.loading) loading.set(key, params.project);
    else loading.delete(key);
    if (client?.state === State.Running) showRunning();
  });
  const configStatus = vscode.languages.createLanguageStatusItem('loopguard.config', LANGUAGES);
  configStatus.name = 'Loop Guard configuration';
  context.subscriptions.push(configStatus);
  const showConfig = () => void showConfigFor(vscode.window.activeTextEditor?.document, configStatus);
  client.onNotification(CONFIG_CHANGED_NOTIFICATION, showConfig);
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(showConfig));
  client.onDidChangeState((event) => {
    if (event.newState === State.Running) showConfig();
    if (event.newState === State.Running) showRunning();
    else if (event.newState === State.Starting) {
      ruleFailureNote = undefined; // a new server analyses afresh
      loading.clear();
      setStatus(status, 'busy', crashNote ? 'restarting after the server stopped unexpectedly' : 'starting');
    }
  });

  context.subscriptions.push(
    vscode.commands.registerCommand('loopguard.learn', async (pageUri: string) => {
      // The concept pages ship with the extension; open them in the built-in Markdown preview.
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.parse(pageUri));
    }),
    vscode.commands.registerCommand('loopguard.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('loopguard.restartServer', async () => {
      restartPolicy.reset();
      crashNote = undefined;
      if (!client) return;
      if (client.state === State.Stopped) await client.start();
      else await client.restart();
    }),
    vscode.commands.registerCommand('loopguard.scanWorkspace', () => scanWorkspace(output)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('loopguard.enable') && client?.state === State.Running) showRunning();
    }),
  );

  try {
    await client.start();
    showRunning();
  } catch (error) {
    setStatus(status, 'error', 'could not start; see the output');
    output.error(`Loop Guard could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * "Loop Guard: Scan Workspace": the server analyses every file of the workspace folders and
 * publishes the problems of the files that are not open. Progress (n/total files) shows in a
 * notification with a Cancel button; the server reports it through LSP work done progress on the
 * token we give it, and stops before its next file when the request is cancelled.
 */
async function scanWorkspace(output: vscode.LogOutputChannel): Promise<void> {
  const running = client;
  if (!running || running.state !== State.Running) {
    void vscode.window.showWarningMessage('Loop Guard: the server is not running; see the Loop Guard output.');
    return;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.toString());
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Loop Guard: open a folder to scan it.');
    return;
  }
  const token = `loopguard-scan-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Loop Guard: scanning workspace', cancellable: true },
    async (progress, cancellation): Promise<ScanResult | undefined> => {
      let reported = 0;
      const subscription = running.onProgress(WorkDoneProgress.type, token, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? reported;
        progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
        reported = Math.max(reported, percentage);
      });
      try {
        return await running.sendRequest<ScanResult>(SCAN_REQUEST, { folders, workDoneToken: token } satisfies ScanParams, cancellation);
      } catch (error) {
        if (cancellation.isCancellationRequested) return undefined;
        output.error(`Scan Workspace failed: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showWarningMessage('Loop Guard: the workspace scan failed; see the Loop Guard output.');
        return undefined;
      } finally {
        subscription.dispose();
      }
    },
  );
  if (!result) {
    output.info('Scan Workspace cancelled.');
    return;
  }
  const summary = `${result.problems} problem${result.problems === 1 ? '' : 's'} in ${result.filesWithProblems} of ${result.analysed} file${result.analysed === 1 ? '' : 's'}`;
  output.info(`Scan Workspace: ${summary}${result.cancelled ? ` (stopped after ${result.analysed}/${result.files} files)` : ''} in ${result.ms} ms.`);
  if (result.cancelled) return;
  const choice = await vscode.window.showInformationMessage(`Loop Guard: ${summary}.`, 'Show Problems');
  if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** The second status item: which loopguard.json applies to the active file; a click opens it. */
async function showConfigFor(document: vscode.TextDocument | undefined, item: vscode.LanguageStatusItem): Promise<void> {
  if (!document || document.uri.scheme !== 'file' || client?.state !== State.Running) return;
  let result: ConfigForResult;
  try {
    result = await client.sendRequest<ConfigForResult>(CONFIG_FOR_REQUEST, { uri: document.uri.toString() } satisfies ConfigForParams);
  } catch {
    return; // the server logs its own failures; the item keeps its last state
  }
  if (!result.config) {
    item.text = 'No loopguard.json';
    item.detail = 'defaults apply';
    item.command = undefined;
    item.severity = vscode.LanguageStatusSeverity.Information;
    return;
  }
  const config = vscode.Uri.parse(result.config);
  item.text = vscode.workspace.asRelativePath(config);
  const parts = [result.extends.length ? `extends ${result.extends.map((uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri))).join(', ')}` : '', result.ignored ? 'this file is ignored' : '', result.problems ? `${result.problems} problem${result.problems === 1 ? '' : 's'}` : ''];
  item.detail = parts.filter(Boolean).join('; ') || 'Loop Guard configuration';
  item.command = { title: 'Open', command: 'vscode.open', arguments: [config] };
  item.severity = result.problems ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
}

function setStatus(status: vscode.LanguageStatusItem, state: 'ok' | 'busy' | 'warning' | 'error' | 'off', detail: string): void {
  const icon = { ok: '$(check)', busy: '$(sync~spin)', warning: '$(warning)', error: '$(error)', off: '$(circle-slash)' }[state];
  status.text = `${icon} Loop Guard`;
  status.detail = detail;
  status.busy = state === 'busy';
  status.severity =
    state === 'error' ? vscode.LanguageStatusSeverity.Error : state === 'warning' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
