// `loopguard --lsp`: the language server started the way Neovim, Helix and Zed start it (the CLI's
// bin, JSON-RPC over stdin/stdout, no VS Code client). Clients that do not pull diagnostics get
// them pushed (textDocument/publishDiagnostics); clients that pull get answers to
// textDocument/diagnostic and nothing pushed. Shutdown then exit ends the process with code 0.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');
const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../..');
const cli = path.join(repoRoot, 'dist/cli.js');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-lsp-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true, types: ['node'] }, include: ['src'] }));
fs.mkdirSync(path.join(root, 'src'));
const file = path.join(root, 'src/reader.ts');
const BLOCKING = "import * as fs from 'node:fs';\nexport async function readSettings(file: string): Promise<string> {\n  return fs.readFileSync(file, 'utf8');\n}\n";
const CLEAN = "import * as fs from 'node:fs/promises';\nexport async function readSettings(file: string): Promise<string> {\n  return fs.readFile(file, 'utf8');\n}\n";
fs.writeFileSync(file, BLOCKING);
const uri = pathToFileURL(file).toString();
const servers = [];
after(() => {
  for (const child of servers) if (child.exitCode === null) child.kill();
});
const rootUri = pathToFileURL(root).toString();

/** Starts `loopguard --lsp` (plus `extra` arguments) as an editor does: the bin, stdio pipes. */
function start(extra = []) {
  const child = spawn(process.execPath, [cli, '--lsp', ...extra], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LOOPGUARD_PUSH_DELAY_MS: '10' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  // As Neovim answers when no settings are configured.
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  const published = [];
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.push(params);
    for (const waiter of waiters.splice(0)) waiter();
  });
  connection.listen();
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  // A failed assertion must not leave the server running (the test process would never end).
  servers.push(child);
  /** The next publishDiagnostics for `uri` that satisfies `accept`. */
  const nextPublished = async (accept) => {
    for (;;) {
      const found = published.find((params) => params.uri === uri && accept(params.diagnostics));
      if (found) return found;
      await new Promise((resolve) => waiters.push(resolve));
    }
  };
  return { child, connection, published, nextPublished, exited, stderr: () => stderr };
}

async function stop(server) {
  await server.connection.sendRequest('shutdown');
  await server.connection.sendNotification('exit');
  const code = await server.exited;
  server.connection.dispose();
  return code;
}

const blockingFound = (diagnostics) => diagnostics.some((diagnostic) => diagnostic.code === 'blocking-call' && /fs\.readFileSync blocks the event loop/.test(diagnostic.message));

describe('loopguard --lsp', () => {
  test('a client that does not pull (rootUri, no workspace folders, no initializationOptions) gets diagnostics pushed, and they follow edits', { timeout: 180_000 }, async () => {
    const server = start();
    const result = await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true }, synchronization: { didSave: true } } },
    });
    assert.equal(result.serverInfo.name, 'Loop Guard');
    await server.connection.sendNotification('initialized', {});
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: BLOCKING } });
    const first = await server.nextPublished(blockingFound);
    const diagnostic = first.diagnostics.find((entry) => entry.code === 'blocking-call');
    assert.deepEqual(diagnostic.range.start, { line: 2, character: 9 });
    assert.equal(diagnostic.source, 'loopguard');
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: CLEAN }] });
    const second = await server.nextPublished((diagnostics) => diagnostics.length === 0);
    assert.equal(second.version, 2);
    assert.equal(await stop(server), 0, server.stderr());
  });

  test('a client that pulls (workspace folders, initializationOptions) is answered on textDocument/diagnostic and gets nothing pushed', { timeout: 180_000 }, async () => {
    const server = start(['--stdio']);
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'project' }],
      initializationOptions: { settings: { rules: { 'blocking-call': 'error' } } },
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    await server.connection.sendNotification('initialized', {});
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: BLOCKING } });
    const report = await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.ok(blockingFound(report.items), JSON.stringify(report.items));
    // initializationOptions.settings apply (no workspace/configuration capability): error severity.
    assert.equal(report.items.find((item) => item.code === 'blocking-call').severity, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(server.published.filter((params) => params.uri === uri), []);
    assert.equal(await stop(server), 0, server.stderr());
  });

  test('--lsp with paths or check options is a usage error', () => {
    for (const args of [['--lsp', 'src'], ['--lsp', '--format', 'json'], ['--stdio']]) {
      const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^loopguard: .*--(lsp|stdio)/);
    }
  });
});
