// Protocol tests: the real bundled server over stdio, spoken to in JSON-RPC as VS Code would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { LspClient, applyLspEdits } from './helpers/lspClient.mjs';
import { fixturesRoot } from './helpers/engine.mjs';

const file = path.join(fixturesRoot, 'protocol/handler.ts');
const original = readFileSync(file, 'utf8');
let client;

before(async () => {
  client = new LspClient({ workspace: path.join(fixturesRoot, 'protocol') });
  const result = await client.initialize();
  assert.equal(result.capabilities.diagnosticProvider.interFileDependencies, true);
  await client.open(file, original);
});

after(async () => {
  await client.stop();
});

test('pull diagnostics report the blocking call with rule id, source and concept link', async () => {
  const [diagnostic, ...rest] = await client.diagnostics(file);
  assert.equal(rest.length, 0);
  assert.equal(diagnostic.source, 'loopguard');
  assert.equal(diagnostic.code, 'blocking-call');
  assert.match(diagnostic.message, /fs\.readFileSync blocks the event loop inside async function 'loadProfile'; use fs\.promises\.readFile/);
  assert.deepEqual(diagnostic.range, { start: { line: 3, character: 14 }, end: { line: 3, character: 29 } });
  assert.match(diagnostic.codeDescription.href, /^file:\/\/.*docs\/concepts\/file-io\.md$/);
});

test('code actions offer the rewrite, learn and ignore; the rewrite removes the diagnostic', async () => {
  const diagnostics = await client.diagnostics(file);
  const actions = await client.codeActions(file, diagnostics[0].range, diagnostics);
  const titles = actions.map((action) => action.title);
  assert.ok(titles.includes('Use fs/promises readFile with await'), titles.join(', '));
  assert.ok(titles.some((title) => title.startsWith('Learn: ')), titles.join(', '));
  assert.ok(titles.some((title) => title.startsWith('Ignore blocking-call')), titles.join(', '));
  const learn = actions.find((action) => action.title.startsWith('Learn: '));
  assert.equal(learn.command.command, 'loopguard.learn');
  const rewrite = actions.find((action) => action.title === 'Use fs/promises readFile with await');
  assert.equal(rewrite.isPreferred, true);
  const [documentEdit] = rewrite.edit.documentChanges;
  assert.equal(documentEdit.textDocument.version, 1, 'edits are pinned to the version they were computed for');
  const fixed = applyLspEdits(original, documentEdit.edits);
  assert.match(fixed, /const raw = await fs\.promises\.readFile\(`\/tmp\/\$\{id\}\.json`, 'utf8'\);/);
  await client.change(file, fixed);
  assert.deepEqual(await client.diagnostics(file), []);
  await client.change(file, original);
  assert.equal((await client.diagnostics(file)).length, 1, 'introducing the mistake again brings the diagnostic back');
});

test('a code action request for a stale diagnostic returns no edits for the wrong place', async () => {
  const diagnostics = await client.diagnostics(file);
  await client.change(file, `// a new first line\n${original}`);
  const actions = await client.codeActions(file, diagnostics[0].range, diagnostics);
  assert.deepEqual(actions.filter((action) => action.edit), []);
  await client.change(file, original);
});

test('a settings change applies without a restart, and bad settings do not stop the server', async () => {
  await client.updateSettings({ rules: { 'blocking-call': 'off' } });
  assert.deepEqual(await client.diagnostics(file), []);
  await client.updateSettings({ rules: { 'blocking-call': 'error' } });
  const [diagnostic] = await client.diagnostics(file);
  assert.equal(diagnostic.severity, 1);
  await client.updateSettings({ rules: 'all of them', enable: 'yes', exclude: 3 });
  const [fallback] = await client.diagnostics(file);
  assert.equal(fallback.severity, 2, 'a malformed setting falls back to the default severity');
  assert.ok(client.logs.some((line) => line.includes('loopguard.rules must be an object')), client.logs.join('\n'));
  await client.updateSettings({});
});

test('fix-all applies only safe fixes, in one edit', async () => {
  const text = `${original}\n// loopguard-ignore-next-line floating-promise -- left over\nexport const unused = 1;\n`;
  await client.change(file, text);
  const diagnostics = await client.diagnostics(file);
  assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'unused-suppression'));
  const actions = await client.codeActions(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.loopguard']);
  assert.equal(actions.length, 1);
  const fixed = applyLspEdits(text, actions[0].edit.documentChanges[0].edits);
  assert.ok(!fixed.includes('loopguard-ignore-next-line'), 'the unused directive is removed');
  assert.ok(fixed.includes('fs.readFileSync'), 'the await-adding rewrite is not part of fix-all');
  await client.change(file, original);
});

test('editing an imported file updates its dependents without saving (no stale results)', async () => {
  // One blocking root, one finding (issue 9): the finding sits at the helper's blocking call in
  // store.ts and depends on its callers in consumer.ts; editing either updates the other.
  const store = path.join(fixturesRoot, 'protocol/store.ts');
  const consumer = path.join(fixturesRoot, 'protocol/consumer.ts');
  const storeText = readFileSync(store, 'utf8');
  const consumerText = readFileSync(consumer, 'utf8');
  await client.open(consumer, consumerText);
  await client.open(store, storeText);
  assert.deepEqual(await client.diagnostics(consumer), [], 'the caller is not flagged');
  const before = await client.diagnostics(store);
  assert.deepEqual(before.map((diagnostic) => diagnostic.code), ['blocking-call'], 'the helper blocks and is reached from async code');
  assert.match(before[0].message, /'loadStore' is reached from async function 'handle'/);
  // The store is asked first, before the edited consumer itself is ever pulled again.
  await client.change(consumer, consumerText.replace('return loadStore().length;', 'return 0;'));
  assert.deepEqual(await client.diagnostics(store), []);
  await client.change(consumer, consumerText);
  assert.equal((await client.diagnostics(store)).length, 1);
  // And the helper's own edit: it no longer blocks.
  await client.change(store, storeText.replace("fs.readFileSync('/tmp/store.json', 'utf8')", "'{}'"));
  assert.deepEqual(await client.diagnostics(store), []);
  await client.change(store, storeText);
  await client.close(store);
  await client.close(consumer);
});
