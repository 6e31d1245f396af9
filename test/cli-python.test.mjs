// The CLI on Python files: listing (virtual environments, caches, build output skipped), the parser
// loaded first (exit 2 when it cannot be, never "No problems found"), every --format, loopguard.json
// (rules, overrides, ignores; Python-only rule ids valid there and in --rule/--only), the baseline
// (--suppress-all, stale entries, pruning), --fix / --fix-dry-run, --cache (Python files are
// always analysed: their findings depend on other modules), rule failures, and worker threads.
// The CLI is a build whose registry holds the scratch Python rules (test/helpers/scratchPythonCli.mjs),
// so these tests need none of the real Python rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildScratchPythonCli } from './helpers/scratchPythonCli.mjs';

const scratchCli = await buildScratchPythonCli();
process.env.LOOPGUARD_CLI = scratchCli;
const { runCli, runCliJson, tempProject, writeFiles, findingKeys } = await import('./helpers/cliRun.mjs');

const APP = 'import asyncio\nimport time\n\n\nasync def main():\n    time.sleep(1)\n    asyncio.create_task(main())\n';
const BLOCKING_JS = "const fs = require('fs');\nasync function f() {\n  return fs.readFileSync('x');\n}\nmodule.exports = { f };\n";

test('lists .py files below folders and given by name; skips virtualenvs, site-packages, .tox, caches, and .py below venv/ and build/', () => {
  const root = tempProject('pylist', {
    'pkg/app.py': APP,
    '.venv/lib/a.py': APP,
    'venv/b.py': APP,
    'env/pyvenv.cfg': 'home = /usr/bin\n',
    'env/lib/c.py': APP,
    'lib/site-packages/d.py': APP,
    '.tox/py312/e.py': APP,
    'pkg/__pycache__/f.py': APP,
    'build/lib/g.py': APP,
    'build/tool.js': BLOCKING_JS,
    'ignored/h.py': APP,
    '.gitignore': 'ignored/\n',
  }, { git: true });
  const { findings, status } = runCliJson(['.'], { cwd: root });
  assert.equal(status, 1);
  assert.deepEqual(findingKeys(findings), ['build/tool.js:3 blocking-call', 'pkg/app.py:6 blocking-call', 'pkg/app.py:7 dangling-task']);
  const given = runCliJson(['pkg/app.py'], { cwd: root });
  assert.deepEqual(findingKeys(given.findings), ['pkg/app.py:6 blocking-call', 'pkg/app.py:7 dangling-task']);
  assert.doesNotMatch(given.stderr, /not a JavaScript/);
});

test('every --format carries the Python findings', () => {
  const root = tempProject('pyformats', { 'pkg/app.py': APP }, { git: true });
  const text = runCli(['.'], { cwd: root });
  assert.equal(text.status, 1);
  assert.match(text.stdout, /pkg\/app\.py:6:5 +warning +'time\.sleep' blocks the event loop/);
  assert.match(text.stdout, /pkg\/app\.py:7:5 +warning +The task of create_task is not kept\. +dangling-task/);
  const sarif = JSON.parse(runCli(['.', '--format', 'sarif'], { cwd: root }).stdout);
  const [run] = sarif.runs;
  assert.deepEqual(run.results.map((result) => `${result.ruleId} ${result.locations[0].physicalLocation.artifactLocation.uri}:${result.locations[0].physicalLocation.region.startLine}`), ['blocking-call pkg/app.py:6', 'dangling-task pkg/app.py:7']);
  // A Python-only rule is described in the driver's rules, and each result's ruleIndex points at it.
  for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
  assert.match(runCli(['.', '--format', 'github'], { cwd: root }).stdout, /::warning file=pkg\/app\.py,line=7,.*dangling-task/);
  const gitlab = JSON.parse(runCli(['.', '--format', 'gitlab'], { cwd: root }).stdout);
  assert.deepEqual(gitlab.map((issue) => `${issue.check_name} ${issue.location.path}:${issue.location.lines.begin}`), ['blocking-call pkg/app.py:6', 'dangling-task pkg/app.py:7']);
  assert.match(runCli(['.', '--format', 'junit'], { cwd: root }).stdout, /pkg\/app\.py[\s\S]*dangling-task/);
  assert.match(runCli(['.', '--format', 'checkstyle'], { cwd: root }).stdout, /<file name="[^"]*pkg\/app\.py">[\s\S]*source="loopguard\.rules\.dangling-task"/);
});

test('a parser that cannot load: exit 2 and a clear message, never "No problems found"; JS/TS runs are unaffected', () => {
  const root = tempProject('pynoparser', { 'pkg/app.py': 'x = 1\n', 'index.js': 'module.exports = 1;\n' }, { git: true });
  // The bundle alone, without the parser's WebAssembly beside it (nor a node_modules to find it in).
  const lonely = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-nowasm-'));
  try {
    fs.copyFileSync(scratchCli, path.join(lonely, 'cli.js'));
    const run = (args) => spawnSync(process.execPath, [path.join(lonely, 'cli.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    const broken = run(['.']);
    assert.equal(broken.status, 2, broken.stderr);
    assert.match(broken.stderr, /1 Python file cannot be checked: the Python parser could not be loaded/);
    assert.doesNotMatch(broken.stdout + broken.stderr, /No problems found/);
    const scriptsOnly = run(['index.js']);
    assert.equal(scriptsOnly.status, 0, scriptsOnly.stderr);
    assert.match(scriptsOnly.stdout, /No problems found/);
  } finally {
    fs.rmSync(lonely, { recursive: true, force: true });
  }
});

test('loopguard.json applies to Python files: rules (Python-only ids included), overrides, ignores', () => {
  const root = tempProject('pyconfig', {
    'loopguard.json': JSON.stringify({ rules: { 'dangling-task': 'error' }, ignores: ['generated/'], overrides: [{ files: ['scripts/**'], rules: { 'blocking-call': 'off' } }] }),
    'pkg/app.py': APP,
    'scripts/tool.py': APP,
    'generated/out.py': APP,
  }, { git: true });
  const { findings, status, stderr } = runCliJson(['.'], { cwd: root });
  assert.equal(status, 1, stderr);
  assert.deepEqual(findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.severity}`).sort(), [
    'pkg/app.py:6 blocking-call warning',
    'pkg/app.py:7 dangling-task error',
    'scripts/tool.py:7 dangling-task error',
  ]);
  // An unknown id is still an error (exit 2), with the Python ids among the known ones.
  writeFiles(root, { 'loopguard.json': JSON.stringify({ rules: { 'dangling-tsk': 'off' } }) });
  const typo = runCli(['.'], { cwd: root });
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /unknown rule "dangling-tsk": did you mean "dangling-task"\?/);
});

test('--rule and --only take Python-only rule ids', () => {
  const root = tempProject('pyonly', { 'pkg/app.py': APP }, { git: true });
  assert.deepEqual(findingKeys(runCliJson(['.', '--only', 'dangling-task'], { cwd: root }).findings), ['pkg/app.py:7 dangling-task']);
  assert.deepEqual(findingKeys(runCliJson(['.', '--rule', 'dangling-task=off'], { cwd: root }).findings), ['pkg/app.py:6 blocking-call']);
  assert.match(runCli(['--help']).stdout, /^ {2}dangling-task /m);
});

test('the baseline: --suppress-all accepts the Python findings, a fixed one becomes stale, --prune-suppressions drops it', () => {
  const root = tempProject('pybaseline', { 'pkg/app.py': APP }, { git: true });
  const suppress = runCli(['.', '--suppress-all'], { cwd: root });
  assert.equal(suppress.status, 0, suppress.stderr);
  const baseline = JSON.parse(fs.readFileSync(path.join(root, 'loopguard-suppressions.json'), 'utf8'));
  assert.deepEqual(baseline.files, { 'pkg/app.py': { 'blocking-call': { 'main: time.sleep(1)': 1 }, 'dangling-task': { 'main: asyncio.create_task(main())': 1 } } });
  const clean = runCliJson(['.'], { cwd: root });
  assert.equal(clean.status, 0);
  assert.deepEqual(clean.findings, []);
  // Lines added above: the keys still match.
  writeFiles(root, { 'pkg/app.py': `# a new comment\n\n${APP.replace('    time.sleep(1)\n', '')}` });
  const stale = runCliJson(['.'], { cwd: root });
  assert.deepEqual(stale.findings.map((finding) => `${finding.file} ${finding.ruleId}`), ['loopguard-suppressions.json unused-suppression']);
  assert.match(stale.findings[0].message, /blocking-call in pkg\/app\.py\) suppresses nothing/);
  assert.equal(runCli(['.', '--prune-suppressions'], { cwd: root }).status, 0);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'loopguard-suppressions.json'), 'utf8')).files, { 'pkg/app.py': { 'dangling-task': { 'main: asyncio.create_task(main())': 1 } } });
});

test('--fix-dry-run shows the Python fix as a diff and writes nothing; --fix writes it', () => {
  const root = tempProject('pyfix', { 'pkg/app.py': APP }, { git: true });
  const dry = runCli(['.', '--fix-dry-run'], { cwd: root });
  assert.match(dry.stdout, /^-    time\.sleep\(1\)$/m);
  assert.match(dry.stdout, /^\+    await asyncio\.sleep\(1\)$/m);
  assert.equal(fs.readFileSync(path.join(root, 'pkg/app.py'), 'utf8'), APP);
  const fixed = runCliJson(['.', '--fix'], { cwd: root });
  assert.equal(fs.readFileSync(path.join(root, 'pkg/app.py'), 'utf8'), APP.replace('time.sleep(1)', 'await asyncio.sleep(1)'));
  // What remains is reported: the dangling task, which has no safe fix.
  assert.deepEqual(findingKeys(fixed.findings), ['pkg/app.py:7 dangling-task']);
  assert.equal(spawnSync('python3', ['-m', 'py_compile', path.join(root, 'pkg/app.py')]).status, 0);
});

test('--cache: Python files are analysed every run (a change in another module shows), JS files still come from the cache', () => {
  const root = tempProject('pycache', {
    'main.py': 'from helpers import helper\n\n\nasync def main():\n    helper()\n',
    'helpers.py': 'def helper():\n    return 1\n',
    'index.js': BLOCKING_JS,
  }, { git: true });
  const env = { LOOPGUARD_TEST_STATS: '1' };
  const stats = (stderr) => JSON.parse(/^loopguard: stats: (.*)$/m.exec(stderr)[1]);
  const first = runCliJson(['.', '--cache'], { cwd: root, env });
  assert.deepEqual(findingKeys(first.findings), ['index.js:3 blocking-call']);
  writeFiles(root, { 'helpers.py': 'import time\n\n\ndef helper():\n    time.sleep(1)\n' });
  const second = runCliJson(['.', '--cache'], { cwd: root, env });
  assert.deepEqual(findingKeys(second.findings), ['helpers.py:5 blocking-call', 'index.js:3 blocking-call', 'main.py:5 blocking-call']);
  assert.equal(stats(second.stderr).cacheHits, 1, second.stderr);
});

test('a rule that fails on a Python file stops the run with exit 2 and names the file', () => {
  const root = tempProject('pyfail', { 'pkg/app.py': APP, 'pkg/bad.py': '# scratch: throw\nx = 1\n' }, { git: true });
  const result = runCli(['.'], { cwd: root });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /loopguard: error: rule blocking-call failed on pkg\/bad\.py: scratch failure/);
  const goOn = runCliJson(['.', '--continue-on-error'], { cwd: root });
  assert.deepEqual(findingKeys(goOn.findings), ['pkg/app.py:6 blocking-call', 'pkg/app.py:7 dangling-task']);
  // The test hook reaches the Python rules too (LOOPGUARD_TEST_FAIL_RULE=<rule>:<substring>).
  const injected = runCli(['pkg/app.py'], { cwd: root, env: { LOOPGUARD_TEST_FAIL_RULE: 'dangling-task:app.py' } });
  assert.equal(injected.status, 2);
  assert.match(injected.stderr, /rule dangling-task failed on pkg\/app\.py: injected fault/);
});

test('worker threads: Python files beside several tsconfig projects give the same report as one thread', () => {
  const config = JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'commonjs', noEmit: true }, include: ['src'] });
  const ts = 'async function load(): Promise<number> {\n  return 1;\n}\nexport function run() {\n  load();\n}\n';
  const root = tempProject('pyparallel', {
    'packages/one/tsconfig.json': config,
    'packages/one/src/a.ts': ts,
    'packages/two/tsconfig.json': config,
    'packages/two/src/b.ts': ts,
    'service/app.py': APP,
    'service/other.py': APP,
  }, { git: true });
  const run = (workers) => runCli(['.', '--format', 'json'], { cwd: root, env: { LOOPGUARD_WORKERS: workers, LOOPGUARD_TEST_STATS: '1' } });
  const parallel = run('2');
  const serial = run('1');
  assert.equal(JSON.parse(/^loopguard: stats: (.*)$/m.exec(parallel.stderr)[1]).workers, 2, parallel.stderr);
  assert.equal(parallel.stdout, serial.stdout);
  assert.deepEqual(findingKeys(JSON.parse(parallel.stdout)), [
    'packages/one/src/a.ts:5 floating-promise',
    'packages/two/src/b.ts:5 floating-promise',
    'service/app.py:6 blocking-call',
    'service/app.py:7 dangling-task',
    'service/other.py:6 blocking-call',
    'service/other.py:7 dangling-task',
  ]);
});

test('--print-config on a Python file shows the rules in force, Python-only ids included', () => {
  const root = tempProject('pyprint', { 'loopguard.json': JSON.stringify({ rules: { 'dangling-task': 'error' } }), 'pkg/app.py': APP }, { git: true });
  const result = runCli(['--print-config', 'pkg/app.py'], { cwd: root });
  assert.equal(result.status, 0, result.stderr);
  const printed = JSON.parse(result.stdout);
  assert.equal(printed.rules['dangling-task'], 'error');
  assert.equal(printed.rules['blocking-call'], 'warning');
});
