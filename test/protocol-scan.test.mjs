// "Loop Guard: Scan Workspace" over the protocol (issue 5), and stale-pull avoidance: the real
// bundled server over stdio on a generated project. Checks behaviour, not timing (the figures
// come from bench/scan-gap.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { LspClient } from './helpers/lspClient.mjs';
import { repoRoot } from './helpers/engine.mjs';
import { generateProject } from '../bench/generate.mjs';

const require = createRequire(import.meta.url);
const { CancellationTokenSource } = require('vscode-languageserver-protocol/node');

const FILES = 160;
let root;
let client;
let cliReport;

/** Polls `check` every 10 ms until it returns a truthy value; fails after `ms`. */
async function until(what, check, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const uri = (relative) => pathToFileURL(path.join(root, relative)).toString();
const progressOf = (token) => client.progress.filter((entry) => entry.token === token);

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-scan-'));
  generateProject(root, { files: FILES, seed: 3 });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  // Files the scan must skip, as the CLI does: .gitignore'd and loopguard.exclude'd.
  mkdirSync(path.join(root, 'src/ignored'), { recursive: true });
  mkdirSync(path.join(root, 'src/generated'), { recursive: true });
  const blocking = "import * as fs from 'node:fs';\nexport async function f() {\n  return fs.readFileSync('/x', 'utf8');\n}\n";
  writeFileSync(path.join(root, 'src/ignored/skip.ts'), blocking);
  writeFileSync(path.join(root, 'src/generated/gen.ts'), blocking);
  writeFileSync(path.join(root, 'src/blocking.ts'), blocking);
  writeFileSync(path.join(root, '.gitignore'), 'src/ignored/\n');
  const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), '.', '--format', 'json', '--exclude', 'src/generated'], { cwd: root, encoding: 'utf8' });
  cliReport = JSON.parse(cli.stdout);
  client = new LspClient({ workspace: root, settings: { exclude: ['src/generated/**'] } });
  await client.initialize();
});

after(async () => {
  await client?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('a scan reports begin, "n/total files" and end progress, and publishes every closed file\'s problems as the CLI finds them', { timeout: 300_000 }, async () => {
  const result = await client.scanWorkspace();
  assert.equal(result.cancelled, false);
  assert.equal(result.analysed, result.files);
  assert.ok(result.files > FILES / 2, `${result.files} files listed`);
  const [token] = client.progressTokens;
  assert.ok(token !== undefined, 'the server created a work done progress');
  const events = progressOf(token);
  assert.equal(events[0].kind, 'begin');
  assert.equal(events[0].cancellable, true);
  assert.ok(events.some((event) => event.kind === 'report' && new RegExp(`^\\d+/${result.files} files$`).test(event.message)), JSON.stringify(events.slice(0, 5)));
  assert.ok(events.some((event) => event.kind === 'report' && event.message === `${result.files}/${result.files} files`));
  assert.equal(events.at(-1).kind, 'end');

  // Same problems as the CLI, file by file; skipped files get nothing.
  const expected = new Map();
  for (const finding of cliReport) expected.set(finding.file, [...(expected.get(finding.file) ?? []), `${finding.line}:${finding.column}:${finding.ruleId}`]);
  assert.ok(expected.size > 3, 'the generated project has seeded mistakes');
  assert.equal(result.problems, cliReport.length);
  assert.equal(result.filesWithProblems, expected.size);
  for (const [file, findings] of expected) {
    const published = client.published.get(uri(file)) ?? [];
    assert.deepEqual(
      published.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}:${d.code}`),
      findings,
      file,
    );
  }
  assert.equal([...client.published.values()].filter((items) => items.length > 0).length, expected.size);
  assert.ok(client.published.get(uri('src/blocking.ts'))?.some((d) => d.code === 'blocking-call'));
  assert.equal(client.published.get(uri('src/ignored/skip.ts')), undefined, '.gitignore is honoured');
  assert.equal(client.published.get(uri('src/generated/gen.ts')), undefined, 'loopguard.exclude is honoured');
});

test('opening a scanned file hands its problems to pull diagnostics; closing it publishes them again', { timeout: 120_000 }, async () => {
  const file = path.join(root, 'src/blocking.ts');
  const text = readFileSync(file, 'utf8');
  await client.open(file, text);
  await until('the published problems to be cleared on open', () => client.published.get(uri('src/blocking.ts'))?.length === 0);
  const pulled = await client.diagnostics(file);
  assert.equal(pulled[0]?.code, 'blocking-call');
  await client.close(file);
  await until('the problems to be published again on close', () => client.published.get(uri('src/blocking.ts'))?.length === 1);
});

test('requests are answered while a scan runs; cancelling its progress stops it', { timeout: 300_000 }, async () => {
  const open = path.join(root, 'src/blocking.ts');
  await client.open(open, readFileSync(open, 'utf8'));
  const tokensBefore = client.progressTokens.length;
  const scan = client.scanWorkspace();
  let ended = false;
  void scan.then(() => (ended = true));
  const token = await until('the scan to start', () => client.progressTokens[tokensBefore]);
  await until('a first progress report', () => progressOf(token).some((event) => event.kind === 'report'));
  // While it runs: a pull for an open file, code actions and a debug request are all answered.
  const diagnostics = await client.diagnostics(open);
  assert.equal(diagnostics[0]?.code, 'blocking-call');
  const actions = await client.codeActions(open, diagnostics[0].range, diagnostics);
  assert.ok(actions.length > 0);
  const heap = await client.connection.sendRequest('loopguard/heapUsed');
  assert.ok(heap.heapUsed > 0);
  assert.equal(ended, false, 'the requests were answered before the scan ended (the scan yields between files)');
  await client.cancelProgress(token);
  const result = await scan;
  assert.equal(result.cancelled, true);
  assert.ok(result.analysed < result.files, `stopped at ${result.analysed}/${result.files}`);
  assert.equal(progressOf(token).at(-1).kind, 'end');
  await client.close(open);
});

test('a new scan supersedes a running one; a cancelled request stops its scan', { timeout: 300_000 }, async () => {
  const tokensBefore = client.progressTokens.length;
  const first = client.scanWorkspace();
  const firstToken = await until('the first scan to start', () => client.progressTokens[tokensBefore]);
  await until('its first report', () => progressOf(firstToken).some((event) => event.kind === 'report'));
  const source = new CancellationTokenSource();
  const second = client.scanWorkspace({}, source.token);
  const superseded = await first;
  assert.equal(superseded.cancelled, true, 'the first scan stops when a second one starts');
  const secondToken = await until('the second scan to start', () => client.progressTokens[tokensBefore + 1]);
  await until('its first report', () => progressOf(secondToken).some((event) => event.kind === 'report'));
  source.cancel();
  const cancelled = await second.then(
    (value) => value,
    (error) => ({ error }),
  );
  // The server answers with its summary (cancelled: true); the client library may turn the
  // cancelled request into a RequestCancelled error instead. Either way the scan has stopped:
  await until('the second scan to end its progress', () => progressOf(secondToken).at(-1)?.kind === 'end');
  if (!cancelled.error) assert.equal(cancelled.cancelled, true);
  assert.ok(client.process.exitCode === null, 'the server is alive');
});

test('a settings change scans again: problems of a rule turned off disappear from closed files', { timeout: 300_000 }, async () => {
  const blocking = uri('src/blocking.ts');
  await until('blocking.ts published (after its close in an earlier test)', () => client.published.get(blocking)?.length === 1);
  await client.updateSettings({ exclude: ['src/generated/**'], rules: { 'blocking-call': 'off' } });
  await until('the rescan to clear blocking-call problems', () => client.published.get(blocking)?.length === 0, 240_000);
  await client.updateSettings({ exclude: ['src/generated/**'] });
  await until('the rescan to publish them again', () => client.published.get(blocking)?.length === 1, 240_000);
});

test('a pull for a superseded version is cancelled, not analysed; the next pull answers for the new text', { timeout: 120_000 }, async () => {
  const file = path.join(root, 'src/blocking.ts');
  const text = readFileSync(file, 'utf8');
  await client.open(file, text);
  await client.diagnostics(file);
  let staleAnswers = 0;
  for (let attempt = 0; attempt < 5 && staleAnswers === 0; attempt++) {
    // Pull for version N and, before the answer, the change to N+1 (as VS Code does while typing).
    const stale = client.diagnostics(file).then(
      (items) => ({ items }),
      (error) => ({ error }),
    );
    await client.change(file, attempt % 2 ? text : `${text}\n`);
    const outcome = await stale;
    if (outcome.error) {
      assert.equal(outcome.error.code, -32802, `ServerCancelled, got ${outcome.error.code} ${outcome.error.message}`);
      assert.equal(outcome.error.data?.retriggerRequest, true);
      staleAnswers++;
    }
    const fresh = await client.diagnostics(file);
    assert.equal(fresh.length, 1);
    assert.equal(fresh[0].data.version, client.versions.get(file), 'the answer is for the current version');
  }
  assert.ok(staleAnswers > 0, 'a pull overtaken by a change was answered with ServerCancelled');

  // A pull cancelled by the client is answered RequestCancelled.
  const source = new CancellationTokenSource();
  const cancelled = client.diagnostics(file, source.token).then(
    () => ({}),
    (error) => ({ error }),
  );
  source.cancel();
  const outcome = await cancelled;
  if (outcome.error) assert.equal(outcome.error.code, -32800);
  assert.equal((await client.diagnostics(file)).length, 1);
  await client.close(file);
});

test('without a worker thread (LOOPGUARD_SCAN_IN_PROCESS=1) the scan runs in the server, yields between files and finds the same problems', { timeout: 300_000 }, async () => {
  process.env.LOOPGUARD_SCAN_IN_PROCESS = '1';
  const inProcess = new LspClient({ workspace: root, settings: { exclude: ['src/generated/**'] } });
  delete process.env.LOOPGUARD_SCAN_IN_PROCESS;
  try {
    await inProcess.initialize();
    let ended = false;
    const scan = inProcess.scanWorkspace().finally(() => (ended = true));
    const token = await until('the scan to start', () => inProcess.progressTokens[0]);
    await until('a first progress report', () => inProcess.progress.some((event) => event.token === token && event.kind === 'report'));
    await inProcess.connection.sendRequest('loopguard/heapUsed');
    assert.equal(ended, false, 'a request was answered between two files');
    const result = await scan;
    assert.equal(result.cancelled, false);
    assert.equal(result.problems, cliReport.length);
    assert.equal([...inProcess.published.values()].filter((items) => items.length > 0).length, new Set(cliReport.map((finding) => finding.file)).size);
  } finally {
    await inProcess.stop();
  }
});

test('a workspace folder inside an ignored folder of a bigger repository is still scanned (.gitignore files above the folder do not apply, as in VS Code\'s search)', { timeout: 120_000 }, async () => {
  const outer = mkdtempSync(path.join(os.tmpdir(), 'loopguard-scan-outer-'));
  try {
    mkdirSync(path.join(outer, '.git'));
    writeFileSync(path.join(outer, '.gitignore'), 'cache/\n');
    const folder = path.join(outer, 'cache/service');
    mkdirSync(path.join(folder, 'src'), { recursive: true });
    writeFileSync(path.join(folder, '.gitignore'), 'src/skip.ts\n');
    const blocking = "import * as fs from 'node:fs';\nexport async function f() {\n  return fs.readFileSync('/x', 'utf8');\n}\n";
    writeFileSync(path.join(folder, 'src/main.ts'), blocking);
    writeFileSync(path.join(folder, 'src/skip.ts'), blocking);
    const nested = new LspClient({ workspace: folder });
    try {
      await nested.initialize();
      const result = await nested.scanWorkspace();
      assert.equal(result.files, 1, 'main.ts only: the folder\'s own .gitignore still applies');
      assert.equal(nested.published.get(pathToFileURL(path.join(folder, 'src/main.ts')).toString())?.[0]?.code, 'blocking-call');
    } finally {
      await nested.stop();
    }
  } finally {
    rmSync(outer, { recursive: true, force: true });
  }
});
