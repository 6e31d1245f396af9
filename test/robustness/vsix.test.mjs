// What the .vsix ships: bundled code, concept pages, grammar and manifest, nothing else (no
// node_modules, tests, fixtures, sources or source maps), and the bundled server starts from those
// files alone. `vsce ls` lists what `vsce package` would pack without building the zip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const ALLOWED = [/^package\.json$/, /^loopguard\.schema\.json$/, /^README\.md$/, /^LICENSE$/, /^dist\/(client|server)\.js$/, /^docs\/(concepts|rules)\/[\w-]+\.md$/, /^syntaxes\/[\w.-]+\.json$/, /^dist\/(web-tree-sitter|tree-sitter-python)\.wasm$/];

let listing;
const packagedFiles = () =>
  (listing ??= execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8', timeout: 540_000 })
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean));

test('the .vsix holds only bundled code, the Python parser\'s WebAssembly, concept pages, grammar, manifest and the loopguard.json schema', { timeout: 600_000 }, () => {
  const files = packagedFiles();
  for (const required of ['package.json', 'dist/client.js', 'dist/server.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'LICENSE']) assert.ok(files.includes(required), `${required} is missing from the package`);
  const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
  assert.deepEqual(unexpected, [], 'files outside the whitelist');
  assert.deepEqual(files.filter((file) => /(^|\/)node_modules\/|(^|\/)test\/|fixtures|\.map$|\.tsx?$|\.mjs$|^dist\/(engine|cli)\.js$/.test(file)), []);
  for (const bundle of ['dist/client.js', 'dist/server.js']) {
    assert.doesNotMatch(readFileSync(path.join(repoRoot, bundle), 'utf8'), /^\/\/# sourceMappingURL=/m, `${bundle} points at a source map`);
  }
});

test('the packaged server starts from the packaged files alone (no node_modules beside it)', { timeout: 600_000 }, async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-vsix-'));
  try {
    for (const file of packagedFiles()) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      cpSync(path.join(repoRoot, file), path.join(root, file));
    }
    const rpc = require('vscode-languageserver-protocol/node');
    const server = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk) => (stderr += chunk));
    const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
    connection.listen();
    try {
      const result = await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).toString(), capabilities: {} });
      assert.equal(result.serverInfo.name, 'Loop Guard', stderr);
    } finally {
      connection.dispose();
      server.kill();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
