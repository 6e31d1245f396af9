// The CLI analyses the files of several tsconfig projects in worker threads (server/src/cli/parallel.ts)
// and merges their reports in file order: the output must be the same as in one thread, byte for
// byte, in every format and on the paths that stop early (a rule failure) or reuse findings (--cache).
// LOOPGUARD_WORKERS=1 forces everything in-process; LOOPGUARD_WORKERS=2 allows two threads even on
// a one-core machine. LOOPGUARD_TEST_STATS reports the workers used and the programs built.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../..');
const cli = process.env.LOOPGUARD_CLI ?? path.join(repoRoot, 'dist/cli.js');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-parallel-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const CONFIG = JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'commonjs', noEmit: true }, include: ['src'] });

/** A workspace of `names` projects (each its own tsconfig.json) with floating promises, plus a file no config holds. */
function workspace(name, names) {
  const root = path.join(scratch, name);
  fs.mkdirSync(path.join(root, '.git'), { recursive: true });
  for (const [index, project] of names.entries()) {
    fs.mkdirSync(path.join(root, 'packages', project, 'src'), { recursive: true });
    fs.writeFileSync(path.join(root, 'packages', project, 'tsconfig.json'), CONFIG);
    for (const file of ['a', 'b']) {
      fs.writeFileSync(
        path.join(root, 'packages', project, 'src', `${file}.ts`),
        `async function load${index}${file}(): Promise<number> {\n  return ${index};\n}\nexport function run() {\n  load${index}${file}();\n  return [1, 2].map(async (n) => n);\n}\n`,
      );
    }
  }
  return root;
}

function run(args, cwd, env = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, GITHUB_ACTIONS: '', LOOPGUARD_TEST_STATS: '1', ...env },
  });
  assert.equal(result.error, undefined, String(result.error));
  assert.doesNotMatch(result.stderr, /internal error|^\s+at .+:\d+:\d+\)?$/m, result.stderr);
  const stats = /^loopguard: stats: (.*)$/m.exec(result.stderr);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.replace(/^loopguard: stats: .*\n/m, ''), stats: stats ? JSON.parse(stats[1]) : undefined };
}

const inWorkers = (args, cwd, env) => run(args, cwd, { LOOPGUARD_WORKERS: '2', ...env });
const inProcess = (args, cwd, env) => run(args, cwd, { LOOPGUARD_WORKERS: '1', ...env });

test('two projects: two workers, and the same report as in one thread (json, text, sarif)', () => {
  const root = workspace('two', ['one', 'two']);
  for (const format of ['json', 'text', 'sarif']) {
    const parallel = inWorkers(['--format', format, '.'], root);
    const serial = inProcess(['--format', format, '.'], root);
    assert.equal(parallel.stats.workers, 2, parallel.stderr);
    assert.equal(serial.stats.workers, 0);
    // One program per project, whichever thread builds it.
    assert.equal(parallel.stats.programsCreated, 2);
    assert.equal(serial.stats.programsCreated, 2);
    assert.equal(parallel.status, 1);
    assert.equal(parallel.stdout, serial.stdout, format);
    assert.equal(parallel.stderr, serial.stderr, format);
  }
  const findings = JSON.parse(inWorkers(['--format', 'json', '.'], root).stdout);
  // Each file's floating promise, in file order (a control: the comparison is not of two empty reports).
  assert.deepEqual(
    findings.filter((finding) => finding.ruleId === 'floating-promise').map((finding) => finding.file),
    ['packages/one/src/a.ts', 'packages/one/src/b.ts', 'packages/two/src/a.ts', 'packages/two/src/b.ts'],
  );
});

test('three projects on two threads: two workers, same report', () => {
  const root = workspace('three', ['x', 'y', 'z']);
  const parallel = inWorkers(['--format', 'json', '.'], root);
  const serial = inProcess(['--format', 'json', '.'], root);
  assert.equal(parallel.stats.workers, 2);
  assert.equal(parallel.stats.programsCreated, 3);
  assert.equal(parallel.stdout, serial.stdout);
  assert.equal(JSON.parse(parallel.stdout).length, JSON.parse(serial.stdout).length);
});

test('one project stays in-process', () => {
  const root = workspace('single', ['only']);
  const result = inWorkers(['--format', 'json', '.'], root);
  assert.equal(result.stats.workers, 0);
  assert.equal(result.status, 1);
});

test('a rule failing in a worker stops the run as in one thread; --continue-on-error reports the rest', () => {
  const root = workspace('failing', ['one', 'two']);
  const env = { LOOPGUARD_TEST_FAIL_RULE: 'floating-promise:packages/two/src/a' };
  const parallel = inWorkers(['.'], root, env);
  const serial = inProcess(['.'], root, env);
  assert.equal(parallel.status, 2);
  assert.equal(parallel.stdout, serial.stdout);
  assert.equal(parallel.stderr, serial.stderr);
  assert.match(parallel.stderr, /rule floating-promise failed on packages\/two\/src\/a\.ts/);
  const going = inWorkers(['--continue-on-error', '--format', 'json', '.'], root, env);
  const goingSerial = inProcess(['--continue-on-error', '--format', 'json', '.'], root, env);
  assert.equal(going.stats.workers, 2);
  assert.equal(going.stdout, goingSerial.stdout);
  assert.equal(going.stderr, goingSerial.stderr);
});

test('--cache: findings found in workers are reused as those found in-process', () => {
  const root = workspace('cached', ['one', 'two']);
  const first = inWorkers(['--cache', '--format', 'json', '.'], root);
  assert.equal(first.stats.workers, 2);
  assert.equal(first.stats.cacheMisses, 4);
  const second = inWorkers(['--cache', '--format', 'json', '.'], root);
  assert.equal(second.stats.cacheHits, 4);
  assert.equal(second.stats.workers, 0);
  assert.equal(second.stats.programsCreated, 0);
  assert.equal(second.stdout, first.stdout);
  fs.rmSync(path.join(root, '.loopguardcache'));
  assert.equal(inProcess(['--format', 'json', '.'], root).stdout, first.stdout);
});

test('--suppress-all from two workers writes the baseline one thread writes (the keys cross threads as data)', () => {
  const parallelRoot = workspace('suppress-parallel', ['one', 'two']);
  const serialRoot = workspace('suppress-serial', ['one', 'two']);
  const parallel = inWorkers(['--suppress-all', '.'], parallelRoot);
  const serial = inProcess(['--suppress-all', '.'], serialRoot);
  assert.equal(parallel.stats.workers, 2, parallel.stderr);
  assert.equal(parallel.status, 0, parallel.stderr);
  assert.equal(parallel.stderr, serial.stderr);
  const written = (root) => fs.readFileSync(path.join(root, 'loopguard-suppressions.json'), 'utf8');
  assert.equal(written(parallelRoot), written(serialRoot));
  assert.match(written(parallelRoot), /floating-promise/, 'a control: the baseline is not empty');
});
