// The extension side of Python support: VS Code activates Loop Guard on Python files, the client's
// document selector and status items cover them, the grammar is injected into Python, and the
// .vsix ships what the server needs to parse Python (tree-sitter's WebAssembly, loaded beside the
// bundle). The editor suite (test/e2e/editor.e2e.mjs) checks the same in a running VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { repoRoot } from './helpers/engine.mjs';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

test('VS Code activates the extension on Python files', () => {
  assert.ok(manifest.activationEvents.includes('onLanguage:python'), JSON.stringify(manifest.activationEvents));
});

test('the bundled client selects Python documents (language client and status items share the list)', () => {
  const client = readFileSync(path.join(repoRoot, 'dist/client.js'), 'utf8');
  const languages = client.match(/\["javascript", "typescript"[^\]]*\]/);
  assert.ok(languages, 'the LANGUAGES list is not in dist/client.js');
  assert.ok(JSON.parse(languages[0]).includes('python'));
});

test('the .vsix ships the Python parser beside the server bundle', () => {
  // .vscodeignore: everything is excluded, then the listed files are put back (the last matching line wins).
  const lines = readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const shipped = (file) => lines.reduce((keep, line) => (line.startsWith('!') ? (minimatch(file, line.slice(1), { dot: true }) ? true : keep) : minimatch(file, line, { dot: true }) ? false : keep), true);
  for (const file of ['dist/server.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-python.wasm']) {
    assert.ok(existsSync(path.join(repoRoot, file)), `${file} is not built (scripts/build.mjs copies the wasm files)`);
    assert.ok(shipped(file), `${file} is not in the .vsix (.vscodeignore)`);
  }
  assert.ok(!shipped('node_modules/web-tree-sitter/package.json'), 'node_modules stay out of the .vsix');
});
