// `loopguard --cache`: a cached run prints what an uncached run prints, reuses a file's findings
// only while nothing they depend on changed (the file, what it imports transitively, who calls its
// functions when that matters, the settings, the tsconfig), builds no program when every file is
// reused, and shrugs off a damaged cache. Projects are made in a temp folder with node_modules
// linked to the repository's (for @types/node). The work done is read from the CLI's
// LOOPGUARD_TEST_STATS line: programs built, cache hits and misses.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, tempProject, writeFiles } from './helpers/cliRun.mjs';


const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', types: ['node'], strict: true, noEmit: true, skipLibCheck: true },
  include: ['src'],
});

const project = (files) => tempProject('cache', { 'tsconfig.json': TSCONFIG, ...files }, { nodeModules: true });
const write = writeFiles;

/** Runs the CLI in `root`; returns stdout, stderr without the stats line, the stats and the exit code. */
function run(root, args, env = {}) {
  const result = runCli(args, { cwd: root, env: { LOOPGUARD_TEST_STATS: '1', ...env } });
  const line = /^loopguard: stats: (.*)$/m.exec(result.stderr);
  assert.ok(line, `no stats line in:\n${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr.replace(line[0] + '\n', ''), stats: JSON.parse(line[1]), status: result.status };
}

/** An uncached run: what the cached runs must print. */
const fresh = (root, args = []) => run(root, ['src', ...args]);
const cached = (root, args = [], env = {}) => run(root, ['src', '--cache', ...args], env);

function assertSame(actual, expected) {
  assert.equal(actual.stdout, expected.stdout);
  assert.equal(actual.status, expected.status);
}

describe('--cache', () => {
  test('a warm run prints what a cold run prints, builds no program and reuses every file', () => {
    const root = project({
      'src/reader.ts': "import * as fs from 'node:fs';\nexport async function read(file: string): Promise<string> {\n  return fs.readFileSync(file, 'utf8');\n}\n",
      'src/util.ts': 'export async function save(): Promise<void> {}\n',
      'src/main.ts': "import { save } from './util.js';\nexport function go(): void {\n  save();\n}\n",
    });
    const expected = fresh(root);
    assert.match(expected.stdout, /blocking-call/);
    assert.match(expected.stdout, /floating-promise/);
    const cold = cached(root);
    assertSame(cold, expected);
    assert.deepEqual([cold.stats.cacheHits, cold.stats.cacheMisses], [0, 3]);
    assert.ok(fs.existsSync(path.join(root, '.loopguardcache')), 'the cache is written in the current folder');
    const warm = cached(root);
    assertSame(warm, expected);
    assert.equal(warm.stderr, cold.stderr);
    assert.deepEqual(warm.stats, { programsCreated: 0, workers: 0, cacheHits: 3, cacheMisses: 0 });
    // Every format renders the reused findings as the fresh ones.
    for (const format of ['json', 'sarif']) assertSame(cached(root, ['--format', format]), fresh(root, ['--format', format]));
  });

  test('an imported helper that becomes blocking shows up in its unchanged importer', () => {
    const root = project({
      'src/helper.ts': 'export function load(file: string): string {\n  return file;\n}\n',
      'src/main.ts': "import { load } from './helper.js';\nexport async function handler(): Promise<string> {\n  return String(load('x'));\n}\n",
    });
    assert.equal(cached(root).stdout, fresh(root).stdout);
    assert.match(cached(root).stdout, /No problems found/);
    write(root, { 'src/helper.ts': "import * as fs from 'node:fs';\nexport const load = fs.readFileSync;\n" });
    const after = cached(root);
    assert.match(after.stdout, /^src\/main\.ts:3:\d+ +warning +fs\.readFileSync blocks the event loop/m);
    assertSame(after, fresh(root));
  });

  test('an imported function that becomes async shows up as a floating promise in its unchanged importer', () => {
    const root = project({
      'src/util.ts': 'export function save(): void {}\n',
      'src/main.ts': "import { save } from './util.js';\nexport function go(): void {\n  save();\n}\n",
    });
    assert.match(cached(root).stdout, /No problems found/);
    write(root, { 'src/util.ts': 'export async function save(): Promise<void> {}\n' });
    const after = cached(root);
    assert.match(after.stdout, /^src\/main\.ts:3:3 +warning .*floating-promise/m);
    assertSame(after, fresh(root));
  });

  test('a change two imports away invalidates', () => {
    const root = project({
      'src/leaf.ts': 'export function save(): void {}\n',
      'src/mid.ts': "export { save } from './leaf.js';\n",
      'src/main.ts': "import { save } from './mid.js';\nexport function go(): void {\n  save();\n}\n",
    });
    assert.match(cached(root).stdout, /No problems found/);
    write(root, { 'src/leaf.ts': 'export async function save(): Promise<void> {}\n' });
    const after = cached(root);
    assert.match(after.stdout, /^src\/main\.ts:3:3 .*floating-promise/m);
    assertSame(after, fresh(root));
  });

  test('a blocking call in an unchanged helper is reported once a changed caller reaches it from event-loop code', () => {
    // The finding sits in the helper, but depends on who calls it: a file that imports it.
    const root = project({
      'src/helper.ts': "import * as fs from 'node:fs';\nexport function readConfig(file: string): string {\n  return fs.readFileSync(file, 'utf8');\n}\n",
      'src/main.ts': "import { readConfig } from './helper.js';\nexport function handler(): string {\n  return readConfig('x');\n}\n",
    });
    assert.match(cached(root).stdout, /No problems found/);
    write(root, { 'src/main.ts': "import { readConfig } from './helper.js';\nexport async function handler(): Promise<string> {\n  return readConfig('x');\n}\n" });
    const after = cached(root);
    assert.match(after.stdout, /^src\/helper\.ts:3:\d+ .*reached from async function 'handler'/m);
    assertSame(after, fresh(root));
  });

  test('changing a rule severity, the tsconfig or a global declaration file invalidates', () => {
    const root = project({
      'src/util.ts': 'export async function save(): Promise<void> {}\n',
      'src/main.ts': "import { save } from './util.js';\nexport function go(): void {\n  save();\n}\n",
      'src/other.ts': 'export const x = 1;\n',
    });
    cached(root);
    const off = cached(root, ['--rule', 'floating-promise=off']);
    assert.equal(off.stats.cacheHits, 0);
    assertSame(off, fresh(root, ['--rule', 'floating-promise=off']));
    assert.equal(cached(root, ['--rule', 'floating-promise=off']).stats.cacheHits, 3);
    write(root, { 'tsconfig.json': TSCONFIG.replace('"strict":true', '"strict":false') });
    assert.equal(cached(root, ['--rule', 'floating-promise=off']).stats.cacheHits, 0, 'the tsconfig changed');
    // A script's declarations are global: every file may see them.
    write(root, { 'src/globals.d.ts': 'declare function tick(): Promise<void>;\n' });
    assert.equal(cached(root, ['--rule', 'floating-promise=off']).stats.cacheHits, 0, 'a global declaration file appeared');
  });

  test('an unrelated file changing leaves the others reused', () => {
    const root = project({
      'src/util.ts': 'export async function save(): Promise<void> {}\n',
      'src/main.ts': "import { save } from './util.js';\nexport function go(): void {\n  save();\n}\n",
      'src/other.ts': 'export const x = 1;\n',
    });
    cached(root);
    write(root, { 'src/other.ts': 'export const x = 2;\n' });
    const after = cached(root);
    assert.deepEqual([after.stats.cacheHits, after.stats.cacheMisses], [2, 1]);
    assertSame(after, fresh(root));
  });

  test('a damaged cache is ignored with a note and the results are right', () => {
    const root = project({
      'src/util.ts': 'export async function save(): Promise<void> {}\n',
      'src/main.ts': "import { save } from './util.js';\nexport function go(): void {\n  save();\n}\n",
    });
    const expected = fresh(root);
    cached(root);
    fs.writeFileSync(path.join(root, '.loopguardcache'), '{"format":"loopguard-cache","entr');
    const damaged = cached(root);
    assertSame(damaged, expected);
    assert.match(damaged.stderr, /loopguard: note: \.loopguardcache is not a Loop Guard cache \(or is damaged\): ignored/);
    assert.equal(damaged.stats.cacheHits, 0);
    // Rewritten: the next run reuses everything, silently.
    const next = cached(root);
    assert.equal(next.stats.cacheHits, 2);
    assert.equal(next.stderr, '');
  });

  test('--cache-location takes a file or a folder, and implies --cache', () => {
    const root = project({ 'src/util.ts': 'export const x = 1;\n' });
    fs.mkdirSync(path.join(root, 'caches'));
    run(root, ['src', '--cache-location', 'caches']);
    assert.ok(fs.existsSync(path.join(root, 'caches/.loopguardcache')));
    assert.equal(run(root, ['src', '--cache-location', 'caches']).stats.cacheHits, 1);
    run(root, ['src', '--cache', '--cache-location', 'my-cache.json']);
    assert.ok(fs.existsSync(path.join(root, 'my-cache.json')));
    assert.ok(!fs.existsSync(path.join(root, '.loopguardcache')));
  });

  test('--help names the cache options', () => {
    const help = runCli(['--help']);
    for (const option of ['--cache ', '--cache-location <path>']) assert.ok(help.stdout.includes(option), option);
  });

  test('a file a rule failed on is not cached', () => {
    const root = project({
      'src/util.ts': 'export async function save(): Promise<void> {}\n',
      'src/main.ts': "import { save } from './util.js';\nexport function go(): void {\n  save();\n}\n",
    });
    const failed = cached(root, ['--continue-on-error'], { LOOPGUARD_TEST_FAIL_RULE: 'floating-promise:main.ts' });
    assert.equal(failed.status, 0, "--continue-on-error: the findings decide, and the failed rule found nothing");
    assert.match(failed.stderr, /rule floating-promise failed/);
    // Without the fault the run fingerprint differs anyway; the entry must not exist either way.
    const entries = JSON.parse(fs.readFileSync(path.join(root, '.loopguardcache'), 'utf8')).entries;
    assert.deepEqual(Object.keys(entries).map((file) => path.basename(file)), ['util.ts']);
  });
  test('a new or changed loopguard.json, and a new baseline, change the reused findings as they change the fresh ones', () => {
    const root = project({
      'src/reader.ts': "import * as fs from 'node:fs';\nexport async function read(file: string): Promise<string> {\n  return fs.readFileSync(file, 'utf8');\n}\n",
      'src/main.ts': "async function save(): Promise<void> {}\nexport function go(): void {\n  save();\n}\n",
    });
    assertSame(cached(root), fresh(root));
    write(root, { 'loopguard.json': '{ "overrides": [{ "files": ["src/reader.ts"], "rules": { "blocking-call": "off" } }] }' });
    const configured = fresh(root);
    assert.doesNotMatch(configured.stdout, /blocking-call/, 'control: the override applies');
    assert.match(configured.stdout, /floating-promise/);
    assertSame(cached(root), configured);
    write(root, { 'loopguard.json': '{ "rules": { "floating-promise": "off" } }' });
    const changed = fresh(root);
    assert.match(changed.stdout, /blocking-call/);
    assert.doesNotMatch(changed.stdout, /floating-promise/);
    assertSame(cached(root), changed);
    const warm = cached(root);
    assertSame(warm, changed);
    assert.equal(warm.stats.programsCreated, 0);
    // A baseline written since: the reused findings are the baselined ones.
    assert.equal(run(root, ['src', '--suppress-all']).status, 0);
    const baselined = fresh(root);
    assert.match(baselined.stdout, /No problems found/);
    assertSame(cached(root), baselined);
  });
});
