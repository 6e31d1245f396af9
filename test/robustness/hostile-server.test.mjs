// Bad and hostile input through the real server over stdio: every request is answered, what can
// be reported is, what is skipped is logged with the reason, and the process never exits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { LspClient } from '../helpers/lspClient.mjs';
import { repoRoot } from '../helpers/engine.mjs';
import { HOSTILE, blockingSnippet, lspPosition, makeWorkspace, symlinkLoop } from './workspace.mjs';

let workspace;
let client;
const texts = {};

const CONFIGS = {
  'extends-missing/tsconfig.json': JSON.stringify({ extends: './nope.json' }),
  'extends-self/tsconfig.json': JSON.stringify({ extends: './tsconfig.json' }),
  'broken-json/tsconfig.json': '{ "compilerOptions": { ',
  // A workspace asking for a language service plugin: we must never load (run) it.
  'plugin/tsconfig.json': JSON.stringify({ compilerOptions: { plugins: [{ name: 'evil-plugin' }] } }),
  'plugin/node_modules/evil-plugin/package.json': JSON.stringify({ name: 'evil-plugin', main: 'index.js' }),
  'plugin/node_modules/evil-plugin/index.js': `require('node:fs').writeFileSync(require('node:path').join(__dirname, 'LOADED'), 'x'); module.exports = () => ({ create: (info) => info.languageService });`,
};

// deep-chain.ts (10,000 `1 + 1 + ...` terms) is left to the engine test, which turns missing-await
// off: that rule is superlinear on long chains and would keep this server busy for hours (the
// todo test in hostile-engine.test.mjs tracks it).
const { 'deep-chain.ts': _chain, ...SERVER_HOSTILE } = HOSTILE;

before(async () => {
  workspace = makeWorkspace({
    ...SERVER_HOSTILE,
    ...CONFIGS,
    'extends-missing/a.ts': blockingSnippet(),
    'extends-self/a.ts': blockingSnippet(),
    'broken-json/a.ts': blockingSnippet(),
    'plugin/a.ts': blockingSnippet(),
  });
  symlinkLoop(workspace.root);
  client = new LspClient({ workspace: workspace.root });
  await client.initialize();
});

after(async () => {
  const alive = client.process.exitCode === null;
  await client.stop();
  workspace.dispose();
  assert.ok(alive, `the server exited; stderr:\n${client.stderr}`);
});

const open = async (name, text) => {
  const file = workspace.file(name);
  texts[name] = text ?? readFileSync(file, 'utf8');
  await client.open(file, texts[name]);
  return file;
};

test('hostile files are all answered; skipped ones are logged with the reason', async (t) => {
  t.diagnostic(`${Object.keys(SERVER_HOSTILE).length} hostile files opened and pulled: ${Object.keys(SERVER_HOSTILE).join(', ')}`);
  for (const name of Object.keys(SERVER_HOSTILE)) {
    const file = await open(name);
    const items = await client.diagnostics(file);
    assert.ok(Array.isArray(items), `${name}: no answer`);
  }
  const logs = client.logs.join('\n');
  assert.match(logs, /big\.ts: skipped, it is larger than 2 MB/);
  assert.match(logs, /binary\.ts: skipped, it contains NUL bytes/);
  assert.match(logs, /deep-parens\.ts: skipped, it is nested too deeply to parse/);
  assert.doesNotMatch(client.stderr, /RangeError|Maximum call stack/);
  assert.equal(client.process.exitCode, null);
});

for (const name of ['bom.ts', 'crlf.ts', 'cr.ts', 'emoji.ts']) {
  test(`${name}: diagnostic positions are UTF-16 line/character as LSP requires`, async () => {
    // VS Code strips a BOM before sending text; a client that does not still gets consistent positions.
    const file = await open(name);
    const [diagnostic] = (await client.diagnostics(file)).filter((item) => item.code === 'blocking-call');
    assert.ok(diagnostic, `${name}: no blocking-call diagnostic`);
    const start = lspPosition(texts[name], 'fs.readFileSync');
    assert.deepEqual(diagnostic.range, { start, end: { line: start.line, character: start.character + 'fs.readFileSync'.length } });
  });
}

test('half-typed code: every prefix (stride 11) of a real file is answered, then the full file reports again', async (t) => {
  const source = readFileSync(path.join(repoRoot, 'samples/service/src/routes/users.ts'), 'utf8');
  const file = await open('typing.ts', '');
  let answered = 0;
  for (let length = 0; length <= source.length; length += 11) {
    await client.change(file, source.slice(0, length));
    const items = await client.diagnostics(file);
    assert.ok(Array.isArray(items));
    for (const item of items) assert.ok(item.range.start.line >= 0 && item.range.end.line <= source.slice(0, length).split('\n').length);
    answered++;
  }
  await client.change(file, source);
  const codes = (await client.diagnostics(file)).map((item) => item.code);
  assert.ok(codes.includes('blocking-call'), codes.join(', '));
  assert.ok(answered > 90);
  t.diagnostic(`${answered} half-typed prefixes sent as edits and pulled; every one answered, the server never exited`);
});

test('tsconfig that extends a missing file, itself, or is not JSON: logged, and its files are still analysed', async () => {
  for (const folder of ['extends-missing', 'extends-self', 'broken-json']) {
    const file = await open(`${folder}/a.ts`);
    const codes = (await client.diagnostics(file)).map((item) => item.code);
    assert.deepEqual(codes, ['blocking-call'], folder);
  }
  const logs = client.logs.join('\n');
  assert.match(logs, /extends-missing\/tsconfig\.json: .*nope\.json/);
  assert.match(logs, /extends-self\/tsconfig\.json: .*Circularity/);
  assert.match(logs, /broken-json\/tsconfig\.json/);
});

test('a symlink loop in the workspace neither hangs nor crashes the server', async () => {
  const file = await open('loop/real.ts', blockingSnippet());
  assert.deepEqual((await client.diagnostics(file)).map((item) => item.code), ['blocking-call']);
});

test('tsconfig `plugins` are never loaded: no workspace code runs', async () => {
  const file = await open('plugin/a.ts');
  assert.deepEqual((await client.diagnostics(file)).map((item) => item.code), ['blocking-call']);
  await client.codeActions(file, { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, []);
  assert.equal(existsSync(workspace.file('plugin/node_modules/evil-plugin/LOADED')), false, 'the plugin ran');
});

test('malformed loopguard.rules settings are warned about and fall back to defaults', async () => {
  const file = workspace.file('crlf.ts');
  for (const rules of ['error', ['blocking-call'], { 'no-such-rule': 'error', 'blocking-call': 42 }, { 'blocking-call': { severity: 'error' } }, null]) {
    await client.updateSettings({ rules });
    const [diagnostic] = (await client.diagnostics(file)).filter((item) => item.code === 'blocking-call');
    assert.ok(diagnostic, `rules=${JSON.stringify(rules)}: the default severity still reports`);
  }
  await client.updateSettings('not an object at all');
  assert.ok((await client.diagnostics(file)).length > 0);
  await client.updateSettings({ exclude: [42, '**/crlf.ts'], run: 'sometimes', enable: 'yes' });
  assert.ok((await client.diagnostics(file)).length > 0, 'bad values fall back to defaults, they do not disable analysis');
  await client.updateSettings({});
  const logs = client.logs.join('\n');
  assert.match(logs, /loopguard\.rules must be an object/);
  assert.match(logs, /unknown rule "no-such-rule"/);
  assert.equal(client.process.exitCode, null);
});

test('requests for unknown documents, non-file URIs and garbage params are answered, not fatal', async () => {
  const unknown = workspace.file('never-opened.ts');
  assert.deepEqual(await client.diagnostics(unknown), []);
  assert.deepEqual(await client.codeActions(unknown, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
  const untitled = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'untitled:Untitled-1' } });
  assert.deepEqual(untitled.items, []);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-2', languageId: 'typescript', version: 1, text: blockingSnippet() } });
  assert.deepEqual((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'untitled:Untitled-2' } })).items, []);
  const file = workspace.file('crlf.ts');
  const weird = await client.codeActions(file, { start: { line: 99999, character: -5 }, end: { line: -1, character: 1e9 } }, [{ source: 'loopguard', code: 'blocking-call', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: '', data: { version: 'x', index: 1e9 } }]);
  assert.ok(Array.isArray(weird));
  await client.connection.sendRequest('textDocument/diagnostic', { textDocument: {} }).catch(() => {});
  assert.ok(Array.isArray(await client.diagnostics(file)), 'still answering');
  assert.equal(client.process.exitCode, null);
});
