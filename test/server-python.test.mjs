// The language server analyses Python documents: pull and pushed diagnostics, quick fixes, Learn,
// fix-all and Scan Workspace for `.py` files, and a file with a syntax error still gets findings
// for the rest and never crashes the server. The Python rule is the scratch one
// (test/helpers/scratchPythonRule.mjs), served by test/helpers/pythonServer.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LspClient, applyLspEdits } from './helpers/lspClient.mjs';
import { repoRoot } from './helpers/engine.mjs';

const PYTHON_SERVER = path.join(repoRoot, 'test/helpers/pythonServer.mjs');
const RULE = 'scratch-sleep-in-async';

const HANDLER = `import asyncio
import time


async def handler(request):
    time.sleep(0.5)
    return request


def startup():
    time.sleep(1)
`;

function workspace(files) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-server-python-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  return root;
}

async function withServer(files, run, options = {}) {
  const root = workspace(files);
  const client = new LspClient({ workspace: root, server: options.server ?? PYTHON_SERVER });
  try {
    await client.initialize();
    await run(client, root);
    assert.ok(!/crash|uncaught|TypeError/i.test(client.stderr), client.stderr);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

test('a .py document gets pull diagnostics, a quick fix that removes its finding, Learn and fix-all', { timeout: 120_000 }, async () => {
  await withServer({ 'app.py': HANDLER }, async (client, root) => {
    const file = path.join(root, 'app.py');
    await client.open(file, HANDLER, 'python');
    const diagnostics = await client.diagnostics(file);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.source, d.range.start.line, d.range.start.character, d.range.end.character]),
      [[RULE, 'loopguard', 5, 4, 14]],
      'one finding, on `time.sleep` in the async def (not the one in startup())',
    );
    assert.match(diagnostics[0].message, /'time\.sleep' blocks the event loop/);
    // A Python finding's page opens at its Python section (the JS/TS side opens at the top: protocol.test.mjs).
    assert.match(diagnostics[0].codeDescription.href, /docs\/concepts\/avoiding-blocking-calls\.md#in-python-asyncio$/);

    const actions = await client.codeActions(file, diagnostics[0].range, diagnostics);
    const fix = actions.find((action) => action.title === 'Use await asyncio.sleep');
    assert.ok(fix, JSON.stringify(actions.map((action) => action.title)));
    assert.equal(fix.isPreferred, true);
    const learn = actions.find((action) => /^Learn: /.test(action.title) && action.command?.command === 'loopguard.learn');
    assert.ok(learn, 'a Learn action');
    assert.match(learn.command.arguments[0], /avoiding-blocking-calls\.md#in-python-asyncio$/, 'Learn opens the Python section');
    const [change] = fix.edit.documentChanges;
    assert.equal(change.textDocument.version, 1, 'pinned to the analysed version');
    const fixed = applyLspEdits(HANDLER, change.edits);
    assert.match(fixed, /^ {4}await asyncio\.sleep\(0\.5\)$/m);

    const fixAll = await client.codeActions(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.loopguard']);
    assert.equal(fixAll.length, 1);
    assert.equal(applyLspEdits(HANDLER, fixAll[0].edit.documentChanges[0].edits), fixed);

    // The edited document is analysed again (incremental re-parse): the finding is gone.
    await client.change(file, fixed);
    assert.deepEqual(await client.diagnostics(file), []);
  });
});

test('a .py file with a syntax error still gets the findings of the rest, and the server keeps answering', { timeout: 120_000 }, async () => {
  const broken = `import time


async def broken(:
    time.sleep(1)


async def fine():
    time.sleep(2)
`;
  await withServer({ 'broken.py': broken }, async (client, root) => {
    const file = path.join(root, 'broken.py');
    await client.open(file, broken, 'python');
    const diagnostics = await client.diagnostics(file);
    assert.ok(diagnostics.some((d) => d.code === RULE && d.range.start.line === 8), JSON.stringify(diagnostics));
    // Garbage, an empty file, then a valid file again: every pull is answered.
    for (const text of ['async def (((\n\0\uffff"""', '', HANDLER]) {
      await client.change(file, text);
      const items = await client.diagnostics(file);
      assert.ok(Array.isArray(items));
    }
    assert.equal((await client.diagnostics(file)).length, 1);
  });
});

test('a Python rule that fails on a file is never silent: the status item is told, the other rules still report', { timeout: 120_000 }, async () => {
  const text = `${HANDLER}\n# LOOPGUARD_TEST_EXPLODE\n`;
  await withServer({ 'app.py': text }, async (client, root) => {
    const notices = [];
    client.connection.onNotification('loopguard/ruleFailures', (params) => notices.push(params));
    const file = path.join(root, 'app.py');
    await client.open(file, text, 'python');
    assert.deepEqual((await client.diagnostics(file)).map((d) => d.code), [RULE]);
    const started = Date.now();
    while (notices.length === 0 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(notices.at(-1)?.message ?? '', /rule scratch-exploding failed on app\.py/);
    await client.change(file, HANDLER);
    await client.diagnostics(file);
    while (notices.at(-1)?.message !== undefined && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(notices.at(-1)?.message, undefined, 'the warning goes once the rule runs again');
  });
});

test('a client that does not pull gets a .py document\'s diagnostics pushed', { timeout: 120_000 }, async () => {
  const root = workspace({ 'app.py': HANDLER });
  const client = new LspClient({ workspace: root, server: PYTHON_SERVER });
  try {
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: client.uri(root), capabilities: { workspace: { configuration: true } } });
    await client.connection.sendNotification('initialized', {});
    const file = path.join(root, 'app.py');
    await client.open(file, HANDLER, 'python');
    const uri = client.uri(file);
    const started = Date.now();
    while (!(client.published.get(uri)?.length > 0) && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(client.published.get(uri)?.map((d) => d.code), [RULE]);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('Scan Workspace analyses closed .py files and publishes their problems', { timeout: 120_000 }, async () => {
  const clean = 'import asyncio\n\n\nasync def tick():\n    await asyncio.sleep(1)\n';
  await withServer({ 'app.py': HANDLER, 'clean.py': clean, 'util.ts': 'export const x = 1;\n' }, async (client, root) => {
    const result = await client.scanWorkspace();
    assert.equal(result.cancelled, false);
    assert.equal(result.files, 3, 'both .py files and the .ts file are listed');
    assert.equal(result.problems, 1);
    assert.deepEqual(client.published.get(client.uri(path.join(root, 'app.py')))?.map((d) => d.code), [RULE]);
    assert.equal(client.published.get(client.uri(path.join(root, 'clean.py'))), undefined);
  });
});

test('the bundled server (registry rules, scan in a worker thread) lists, parses and answers for .py files without failing', { timeout: 120_000 }, async () => {
  await withServer({ 'app.py': HANDLER, 'broken.py': 'async def (:\n', 'util.ts': 'export const x = 1;\n' }, async (client, root) => {
    const file = path.join(root, 'app.py');
    await client.open(file, HANDLER, 'python');
    const diagnostics = await client.diagnostics(file);
    assert.ok(diagnostics.every((d) => d.source === 'loopguard'));
    const result = await client.scanWorkspace();
    assert.deepEqual([result.files, result.analysed, result.cancelled], [3, 3, false]);
    assert.ok(!client.logs.some((line) => /skipped|could not be loaded|failed/.test(line)), client.logs.join('\n'));
  }, { server: path.join(repoRoot, 'dist/server.js') });
});

test('a Python module created on disk is found by the modules importing it (the watcher tells the project model)', { timeout: 120_000 }, async () => {
  const app = 'from helpers import load\n\n\nasync def handler():\n    return load()\n';
  await withServer({ 'app.py': app, 'pyproject.toml': '[project]\nname = "x"\n' }, async (client, root) => {
    const file = path.join(root, 'app.py');
    await client.open(file, app, 'python');
    assert.deepEqual(await client.diagnostics(file), [], 'helpers.py does not exist yet');
    const helper = path.join(root, 'helpers.py');
    writeFileSync(helper, 'import time\n\n\ndef load():\n    time.sleep(1)\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(helper), type: 1 }] });
    // The finding is in the helper, reached from app.py's handler (related location).
    await client.open(helper, readFileSync(helper, 'utf8'), 'python');
    const found = await client.diagnostics(helper);
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [['blocking-call', 4]]);
    assert.ok(found[0].relatedInformation?.some((item) => item.location.uri === client.uri(file)), JSON.stringify(found[0].relatedInformation));
  }, { server: path.join(repoRoot, 'dist/server.js') });
});
