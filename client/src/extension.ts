// The VS Code client: starts the server, forwards settings (the server pulls them through
// workspace/configuration), shows a language status item and registers the "Learn" command.
// Everything else is the server's job.
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
} from 'vscode-languageclient/node';

const LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];
const MAX_RESTARTS = 5;

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
  let restarts = 0;
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: {
      configurationSection: 'loopguard',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,tsconfig.json,jsconfig.json}'),
    },
    initializationOptions: { settings: vscode.workspace.getConfiguration().get('loopguard') },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        // Bounded restarts; the status item says what happened instead of a modal dialog.
        restarts++;
        if (restarts > MAX_RESTARTS) {
          setStatus(status, 'error', `stopped after ${MAX_RESTARTS} crashes; see the output`);
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        setStatus(status, 'warning', `restarted after a crash (${restarts}/${MAX_RESTARTS})`);
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };

  client = new LanguageClient('loopguard', 'Loop Guard', serverOptions, clientOptions);
  client.onDidChangeState((event) => {
    if (event.newState === State.Running && restarts === 0) setStatus(status, 'ok', 'running');
    else if (event.newState === State.Starting) setStatus(status, 'busy', 'starting');
  });

  context.subscriptions.push(
    vscode.commands.registerCommand('loopguard.learn', async (pageUri: string) => {
      // The concept pages ship with the extension; open them in the built-in Markdown preview.
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.parse(pageUri));
    }),
    vscode.commands.registerCommand('loopguard.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('loopguard.restartServer', async () => {
      restarts = 0;
      await client?.restart();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('loopguard.enable')) {
        const enabled = vscode.workspace.getConfiguration('loopguard').get<boolean>('enable', true);
        setStatus(status, enabled ? 'ok' : 'off', enabled ? 'running' : 'disabled in settings');
      }
    }),
  );

  try {
    await client.start();
    const enabled = vscode.workspace.getConfiguration('loopguard').get<boolean>('enable', true);
    setStatus(status, enabled ? 'ok' : 'off', enabled ? 'running' : 'disabled in settings');
  } catch (error) {
    setStatus(status, 'error', 'could not start; see the output');
    output.error(`Loop Guard could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
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
