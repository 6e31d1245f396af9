// A minimal LSP client over stdio for protocol tests, benchmarks and fuzzing: spawns
// dist/server.js, answers workspace/configuration from a settings object the test controls.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { repoRoot } from './engine.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

export class LspClient {
  constructor({ settings = {}, workspace = repoRoot, serverArgs = [], server = path.join(repoRoot, 'dist/server.js') } = {}) {
    this.settings = settings;
    this.workspace = workspace;
    this.process = spawn(process.execPath, [...serverArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.process.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.logs = [];
    this.refreshRequests = 0;
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.process.stdout), new rpc.StreamMessageWriter(this.process.stdin));
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => this.settings));
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      return null;
    });
    this.connection.onRequest('client/registerCapability', () => null);
    // Server-initiated progress (Scan Workspace): tokens created, and every $/progress value.
    this.progressTokens = [];
    this.progress = [];
    this.connection.onRequest('window/workDoneProgress/create', (params) => {
      this.progressTokens.push(params.token);
      return null;
    });
    this.connection.onNotification('$/progress', (params) => this.progress.push({ token: params.token, ...params.value, at: Date.now() }));
    // Pushed diagnostics (Scan Workspace publishes closed files' problems): the latest per uri.
    this.published = new Map();
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => this.published.set(params.uri, params.diagnostics));
    this.connection.onNotification('window/logMessage', (message) => this.logs.push(message.message));
    this.connection.listen();
    this.versions = new Map();
  }

  async initialize() {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.workspace).toString(),
      workspaceFolders: [{ uri: pathToFileURL(this.workspace).toString(), name: 'workspace' }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  uri(fileName) {
    return pathToFileURL(fileName).toString();
  }

  open(fileName, text, languageId = fileName.endsWith('.js') ? 'javascript' : 'typescript') {
    this.versions.set(fileName, 1);
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(fileName), languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-document change event). */
  change(fileName, text) {
    const version = (this.versions.get(fileName) ?? 1) + 1;
    this.versions.set(fileName, version);
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(fileName), version }, contentChanges: [{ text }] });
  }

  /** An incremental change: replace `range` with `text`. */
  edit(fileName, range, text) {
    const version = (this.versions.get(fileName) ?? 1) + 1;
    this.versions.set(fileName, version);
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(fileName), version }, contentChanges: [{ range, text }] });
  }

  close(fileName) {
    this.versions.delete(fileName);
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(fileName) } });
  }

  async diagnostics(fileName, token) {
    const params = { textDocument: { uri: this.uri(fileName) } };
    const report = token ? await this.connection.sendRequest('textDocument/diagnostic', params, token) : await this.connection.sendRequest('textDocument/diagnostic', params);
    return report.items ?? [];
  }

  /** Starts "Scan Workspace"; resolves with the server's summary {files, analysed, problems, filesWithProblems, cancelled, ms}. */
  scanWorkspace(params = {}, token) {
    return token ? this.connection.sendRequest('loopguard/scanWorkspace', params, token) : this.connection.sendRequest('loopguard/scanWorkspace', params);
  }

  /** Cancels a server-initiated progress (the user pressed Cancel on it). */
  cancelProgress(token) {
    return this.connection.sendNotification('window/workDoneProgress/cancel', { token });
  }

  codeActions(fileName, range, diagnostics, only) {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: this.uri(fileName) },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  /** Sends the new settings and waits until the server has applied them (it asks for a diagnostics refresh). */
  async updateSettings(settings, timeoutMs = 5000) {
    this.settings = settings;
    const before = this.refreshRequests;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { loopguard: settings } });
    const started = Date.now();
    while (this.refreshRequests === before) {
      if (Date.now() - started > timeoutMs) throw new Error('the server did not refresh diagnostics after a settings change');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** Applies LSP TextEdits (line/character positions) to a text. */
export function applyLspEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (position) => (lineStarts[position.line] ?? text.length) + position.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((result, edit) => result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end)), text);
}
