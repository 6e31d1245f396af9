// What the server keeps must not grow with its lifetime (issue 12, item 4). Counts, not bytes:
// after opening, editing and closing many files, the server holds reports, unit caches and
// program roots for the open files only. (test/robustness/faults.test.mjs checks the heap over
// 10,000 edits of one file.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './helpers/engine.mjs';
import { LspClient } from './helpers/lspClient.mjs';

const FILES = 30;

test('opening, editing and closing files leaves no report, unit cache or program root behind', async (t) => {
  // Files without a tsconfig.json: each opened file is added to the inferred project as a root.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-memory-'));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const files = Array.from({ length: FILES }, (_, i) => path.join(root, `job${i}.js`));
  files.forEach((file, i) => fs.writeFileSync(file, `const fs = require('fs');\nasync function job${i}() {\n  return fs.readFileSync('${i}.txt', 'utf8');\n}\nmodule.exports = { job${i} };\n`));
  const client = new LspClient({ workspace: root, serverArgs: ['--expose-gc'] });
  t.after(async () => {
    client.process.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });
  await client.initialize();
  const state = () => client.connection.sendRequest('loopguard/heapUsed');
  const keep = files[0];
  await client.open(keep, fs.readFileSync(keep, 'utf8'));
  assert.equal((await client.diagnostics(keep)).length, 1);
  assert.equal((await state()).roots, 1);

  for (const file of files.slice(1)) {
    const text = fs.readFileSync(file, 'utf8');
    await client.open(file, text);
    assert.equal((await client.diagnostics(file)).length, 1);
    await client.edit(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '// edited\n');
    assert.equal((await client.diagnostics(file)).length, 1);
    await client.close(file);
  }
  // The file still open is answered as before, from what is kept for it.
  assert.equal((await client.diagnostics(keep)).length, 1);
  const after = await state();
  assert.equal(after.reports, 1, 'reports of closed files are dropped');
  assert.equal(after.unitCaches, 1, 'unit caches of closed files are dropped');
  assert.equal(after.roots, 1, 'roots added for closed files leave the program');
  assert.equal(after.projects, 1);
});

/** What the server told V8 about its garbage collection, once a first file's project is loaded. */
async function collectorSettings(t, options) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-heap-'));
  const client = new LspClient({ workspace: root, ...options });
  t.after(() => {
    client.process.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });
  await client.initialize();
  // Limited once the first file's project is loaded.
  const file = path.join(root, 'a.ts');
  fs.writeFileSync(file, 'export const a = 1;\n');
  await client.open(file, fs.readFileSync(file, 'utf8'));
  await client.diagnostics(file);
  const { heapGrowingPercent, pretenuringStopped } = await client.connection.sendRequest('loopguard/heapUsed');
  client.process.kill();
  return { heapGrowingPercent, pretenuringStopped };
}

test('the server limits how far V8 lets the heap grow between full collections, unless told otherwise', async (t) => {
  const percentOf = async (options) => (await collectorSettings(t, options)).heapGrowingPercent;
  assert.equal(await percentOf({}), 20);
  // The user's own V8 flag wins.
  assert.equal(await percentOf({ serverArgs: ['--heap-growing-percent=50'] }), undefined);
  const saved = process.env.LOOPGUARD_HEAP_GROWING_PERCENT;
  process.env.LOOPGUARD_HEAP_GROWING_PERCENT = '0';
  try {
    assert.equal(await percentOf({}), undefined);
  } finally {
    if (saved === undefined) delete process.env.LOOPGUARD_HEAP_GROWING_PERCENT;
    else process.env.LOOPGUARD_HEAP_GROWING_PERCENT = saved;
  }
});

test('the server turns off allocation-site pretenuring (an edit\'s analysis dies young), unless told otherwise', async (t) => {
  assert.equal((await collectorSettings(t, {})).pretenuringStopped, true);
  // The user's own V8 flag wins, either way.
  assert.equal((await collectorSettings(t, { serverArgs: ['--allocation-site-pretenuring'] })).pretenuringStopped, false);
  assert.equal((await collectorSettings(t, { serverArgs: ['--no-allocation-site-pretenuring'] })).pretenuringStopped, false);
});
