// `loopguard --fix`, `--fix-dry-run`, `--fix-type suggestion --only <rule>`: the built CLI run on
// small projects in temp folders (each with a tsconfig; no @types needed: lib ES2022 + DOM for
// console). Fixed files are re-parsed and type-checked with a fresh engine (compilerDiagnostics).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createEngine } from './helpers/engine.mjs';
import { runCli, tempProject } from './helpers/cliRun.mjs';

const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, lib: ['ES2022', 'DOM'], types: [] }, include: ['src'] });

/** A project in a temp folder: tsconfig.json plus `files` (paths relative to the project). */
const makeProject = (files) => tempProject('fix', { 'tsconfig.json': TSCONFIG, ...files });
const run = (args, cwd, env = {}) => runCli(args, { cwd, env });

const read = (root, name) => fs.readFileSync(path.join(root, name), 'utf8');

/** No syntax error and no type error in the files (the projects are written type-correct). */
function assertCompiles(root, names) {
  const engine = createEngine({ root });
  for (const name of names) {
    const diagnostics = engine.compilerDiagnostics(path.join(root, name));
    assert.deepEqual(diagnostics, { syntactic: [], semantic: [] }, `${name} after the fix:\n${read(root, name)}`);
  }
}

function findings(root, args = []) {
  const result = run(['src', '--format', 'json', ...args], root);
  return JSON.parse(result.stdout).map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`);
}

const SAFE = `export async function total(): Promise<number> {
  const n = await 42;
  // loopguard-ignore-next-line floating-promise -- nothing floats here
  const m = n + 1;
  return m;
}
`;

const FLOATING = `async function work(): Promise<void> {}

export function start(): void {
  work();
}

export async function startAndWait(): Promise<void> {
  work();
  const ready = await true;
  if (!ready) return;
}
`;

test('--fix applies the safe fixes, lists them, writes code that compiles and reports what remains', () => {
  const root = makeProject({ 'src/safe.ts': SAFE, 'src/floating.ts': FLOATING });
  assertCompiles(root, ['src/safe.ts', 'src/floating.ts']);
  assert.deepEqual(findings(root).sort(), [
    'src/floating.ts:4 floating-promise',
    'src/floating.ts:8 floating-promise',
    'src/floating.ts:9 await-non-promise',
    'src/safe.ts:2 await-non-promise',
    'src/safe.ts:3 unused-suppression',
  ]);
  const result = run(['--fix', 'src'], root);
  assert.equal(read(root, 'src/safe.ts'), SAFE.replace('await 42', '42').replace(/ *\/\/ loopguard-ignore-next-line.*\n/, ''));
  assert.equal(read(root, 'src/floating.ts'), FLOATING.replace('await true', 'true'), 'only the safe fix: no await or .catch added, no ignore comment');
  assert.match(result.stdout, /^Fixed 3 problems in 2 files:\n {2}src\/floating\.ts\n +9 {2}await-non-promise {2}Remove await\n {2}src\/safe\.ts\n +2 {2}await-non-promise {2}Remove await\n +3 {2}unused-suppression {2}Remove unused loopguard-ignore directive\n\n/);
  // The report that follows is the normal one, of what remains, and so is the exit code.
  assert.match(result.stdout, /src\/floating\.ts:4:3 {2}warning .* floating-promise/);
  assert.match(result.stdout, /2 problems \(0 errors, 2 warnings, 0 info\) in 1 file\(s\)\./);
  assert.doesNotMatch(result.stdout, /await-non-promise .*docs|unused-suppression$/m);
  assert.equal(result.status, 1);
  assertCompiles(root, ['src/safe.ts', 'src/floating.ts']);
  assert.deepEqual(findings(root).sort(), ['src/floating.ts:4 floating-promise', 'src/floating.ts:8 floating-promise']);

  // Once everything is fixed, the exit code is a clean run's.
  const clean = makeProject({ 'src/safe.ts': SAFE });
  const fixed = run(['--fix', 'src'], clean);
  assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
  assert.match(fixed.stdout, /No problems found\./);
  // Nothing left to fix: said so, and the file is not rewritten.
  const mtime = fs.statSync(path.join(clean, 'src/safe.ts')).mtimeMs;
  const again = run(['--fix', 'src'], clean);
  assert.match(again.stdout, /^No fixes applied\.\n/);
  assert.equal(fs.statSync(path.join(clean, 'src/safe.ts')).mtimeMs, mtime);
});

test('--fix repeats until no fix is left (fixes that overlap wait for the next pass), at most 10 passes', () => {
  // Removing the outer await replaces the whole expression, inner await included: two passes.
  const twice = 'export async function twice(): Promise<number> {\n  const value = await await 42;\n  return value;\n}\n';
  const deep = `export async function deep(): Promise<number> {\n  return ${'await '.repeat(12)}42;\n}\n`;
  const root = makeProject({ 'src/twice.ts': twice, 'src/deep.ts': deep });
  const result = run(['--fix', 'src'], root);
  assert.equal(read(root, 'src/twice.ts'), twice.replace('await await 42', '42'));
  assertCompiles(root, ['src/twice.ts', 'src/deep.ts']);
  // Twelve nested awaits need twelve passes: the cap stops at ten, says so, and the rest is reported.
  assert.equal(read(root, 'src/deep.ts'), deep.replace('await '.repeat(12), 'await await '));
  assert.match(result.stdout, /^Fixed 12 problems in 2 files \(10 passes: /);
  assert.match(result.stderr, /stopped fixing after 10 passes with fixes still to apply .* run loopguard --fix again/);
  assert.equal(result.status, 1);
  assert.deepEqual(findings(root), ['src/deep.ts:2 await-non-promise', 'src/deep.ts:2 await-non-promise']);
  const rest = run(['--fix', 'src'], root);
  assert.match(rest.stdout, /^Fixed 2 problems in 1 file \(2 passes: /);
  assert.equal(read(root, 'src/deep.ts'), deep.replace('await '.repeat(12), ''));
  assert.equal(rest.status, 0);
});

test('--fix-dry-run prints a unified diff that --fix would write and changes nothing on disk', () => {
  const twice = 'export async function twice(): Promise<number> {\n  const value = await await 42;\n  return value;\n}\n';
  const root = makeProject({ 'src/safe.ts': SAFE, 'src/twice.ts': twice, 'src/floating.ts': FLOATING });
  const names = ['src/safe.ts', 'src/twice.ts', 'src/floating.ts'];
  const past = new Date('2020-01-02T03:04:05Z');
  for (const name of names) fs.utimesSync(path.join(root, name), past, past);
  const before = names.map((name) => [fs.readFileSync(path.join(root, name)), fs.statSync(path.join(root, name)).mtimeMs]);
  const result = run(['--fix-dry-run', 'src'], root);
  for (const [index, name] of names.entries()) {
    assert.deepEqual(fs.readFileSync(path.join(root, name)), before[index][0], `${name} bytes`);
    assert.equal(fs.statSync(path.join(root, name)).mtimeMs, before[index][1], `${name} mtime`);
  }
  assert.equal(fs.readdirSync(path.join(root, 'src')).sort().join(), 'floating.ts,safe.ts,twice.ts', 'no temp files');
  assert.match(result.stdout, /^--- a\/src\/floating\.ts\n/);
  assert.match(result.stdout, /^--- a\/src\/safe\.ts\n\+\+\+ b\/src\/safe\.ts\n@@ -1,6 \+1,5 @@\n export async function total\(\): Promise<number> \{\n- {2}const n = await 42;\n- {2}\/\/ loopguard-ignore-next-line/m);
  assert.match(result.stdout, /^Would fix 5 problems in 3 files \(2 passes: /m);
  // The report is of what would remain, and so is the exit code.
  assert.match(result.stdout, /2 problems \(0 errors, 2 warnings, 0 info\)/);
  assert.equal(result.status, 1);

  // The diff is a patch: applied, it gives exactly what --fix writes.
  const patch = result.stdout.slice(0, result.stdout.indexOf('\nWould fix'));
  const applied = spawnSync('patch', ['-p1', '--silent'], { cwd: root, input: patch, encoding: 'utf8' });
  assert.equal(applied.status, 0, applied.stderr + applied.stdout);
  const patched = names.map((name) => read(root, name));
  const copy = makeProject({ 'src/safe.ts': SAFE, 'src/twice.ts': twice, 'src/floating.ts': FLOATING });
  run(['--fix', 'src'], copy);
  assert.deepEqual(names.map((name) => read(copy, name)), patched);
});

test('with --format json the list of fixes goes to standard error and standard output stays JSON', () => {
  const root = makeProject({ 'src/safe.ts': SAFE });
  const result = run(['--fix', 'src', '--format', 'json'], root);
  assert.deepEqual(JSON.parse(result.stdout), []);
  assert.match(result.stderr, /Fixed 2 problems in 1 file:/);
});

test('bad fix options are usage errors (exit 2) that say what to write', () => {
  const root = makeProject({ 'src/safe.ts': SAFE });
  const cases = [
    [['--fix', '--fix-type', 'suggestion', 'src'], /--fix-type suggestion applies fixes that may change behaviour, one rule at a time: add exactly one --only <rule-id>, e\.g\. --fix-type suggestion --only floating-promise\./],
    [['--fix', '--fix-type', 'suggestion', '--only', 'floating-promise', '--only', 'missing-await', 'src'], /exactly one --only <rule-id> \(got 2\)/],
    [['--fix-type', 'suggestion', '--only', 'floating-promise', 'src'], /--fix-type only applies with --fix or --fix-dry-run/],
    [['--fix', '--fix-type', 'risky', 'src'], /--fix-type must be safe or suggestion \(got "risky"\)/],
    [['--fix', '--fix-dry-run', 'src'], /--fix and --fix-dry-run: choose one/],
    [['--only', 'floating-promis', 'src'], /--only: unknown rule "floating-promis"\. Known rules: .*floating-promise/],
  ];
  for (const [args, message] of cases) {
    const result = run(args, root);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^loopguard: /);
    assert.match(result.stderr, message);
  }
  assert.equal(read(root, 'src/safe.ts'), SAFE);
});

test('--fix-type suggestion --only <rule> applies that rule\'s behaviour-changing fix, and nothing else', () => {
  const root = makeProject({ 'src/floating.ts': FLOATING, 'src/safe.ts': SAFE });
  const result = run(['--fix', '--fix-type', 'suggestion', '--only', 'floating-promise', 'src'], root);
  assert.equal(
    read(root, 'src/floating.ts'),
    FLOATING.replace('  work();\n}', '  work().catch((error: unknown) => { console.error(error); });\n}').replace('  work();\n  const', '  await work();\n  const'),
  );
  assert.equal(read(root, 'src/safe.ts'), SAFE, 'other rules are not fixed, not even their safe fixes');
  assert.match(result.stdout, /^Fixed 2 problems in 1 file:\n {2}src\/floating\.ts\n +4 {2}floating-promise {2}Add \.catch handler\n +8 {2}floating-promise {2}Add await\n/);
  assert.match(result.stdout, /No problems found\./, '--only: the report is of that rule');
  assert.equal(result.status, 0);
  assertCompiles(root, ['src/floating.ts']);
  assert.deepEqual(findings(root).sort(), ['src/floating.ts:9 await-non-promise', 'src/safe.ts:2 await-non-promise', 'src/safe.ts:3 unused-suppression']);
});

test('the "Ignore ... on this line" fix is never applied, even when it is the only fix offered', () => {
  const loop = `async function one(n: number): Promise<number> {
  return n;
}

export async function all(items: number[]): Promise<number[]> {
  const results: number[] = [];
  for (const item of items) {
    results.push(await one(item));
  }
  return results;
}
`;
  const root = makeProject({ 'src/loop.ts': loop });
  const result = run(['--fix', '--fix-type', 'suggestion', '--only', 'await-in-loop', 'src'], root);
  assert.equal(read(root, 'src/loop.ts'), loop);
  assert.match(result.stdout, /^No fixes applied\.\n\nsrc\/loop\.ts:8:18 {2}info .* await-in-loop/);
});

test('--only without --fix checks only that rule', () => {
  const root = makeProject({ 'src/floating.ts': FLOATING });
  assert.deepEqual(findings(root, ['--only', 'await-non-promise']), ['src/floating.ts:9 await-non-promise']);
});

test('a file that changes on disk during the run is left alone with a note; the others are written', () => {
  const root = makeProject({ 'src/safe.ts': SAFE, 'src/other.ts': SAFE });
  const edited = path.join(root, 'src/other.ts');
  const result = run(['--fix', 'src'], root, { LOOPGUARD_TEST_EDIT_DURING_FIX: edited });
  assert.equal(read(root, 'src/other.ts'), `${SAFE}// edited during the run\n`, 'the edit made during the run is kept, no fix written over it');
  assert.notEqual(read(root, 'src/safe.ts'), SAFE);
  assert.match(result.stderr, /loopguard: note: src\/other\.ts: left alone: it changed on disk during the run, so its fixes were not written\. Run loopguard --fix again\./);
  assert.match(result.stdout, /^Fixed 2 problems in 1 file:\n {2}src\/safe\.ts\n/);
  // The report is of what is on disk: the file left alone still has its findings.
  assert.match(result.stdout, /src\/other\.ts:2:13 .* await-non-promise/);
  assert.equal(result.status, 1);
});

test('files are written atomically: mode, byte order mark and line breaks kept, symlinks still point at the file, no temp file left', () => {
  const crlf = `\uFEFF${SAFE.replace(/\n/g, '\r\n')}`;
  const root = makeProject({ 'src/script.ts': SAFE, 'src/private.ts': SAFE, 'src/windows.ts': crlf, 'real/target.ts': SAFE });
  fs.chmodSync(path.join(root, 'src/script.ts'), 0o755);
  fs.chmodSync(path.join(root, 'src/private.ts'), 0o600);
  fs.chmodSync(path.join(root, 'src/windows.ts'), 0o666); // beyond the usual umask: set after the write
  fs.symlinkSync(path.join(root, 'real/target.ts'), path.join(root, 'src/link.ts'));
  // A symlink is checked when it is named (folders are walked without following links).
  const result = run(['--fix', 'src', 'src/link.ts'], root);
  assert.match(result.stdout, /^Fixed 8 problems in 4 files:/);
  assert.equal(fs.statSync(path.join(root, 'src/script.ts')).mode & 0o7777, 0o755);
  assert.equal(fs.statSync(path.join(root, 'src/private.ts')).mode & 0o7777, 0o600);
  assert.equal(fs.statSync(path.join(root, 'src/windows.ts')).mode & 0o7777, 0o666);
  const windows = fs.readFileSync(path.join(root, 'src/windows.ts'));
  assert.deepEqual([...windows.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'byte order mark kept');
  assert.equal(windows.toString('utf8').slice(1), SAFE.replace('await 42', '42').replace(/ *\/\/ loopguard-ignore-next-line.*\n/, '').replace(/\n/g, '\r\n'));
  assert.ok(fs.lstatSync(path.join(root, 'src/link.ts')).isSymbolicLink(), 'the link is still a link');
  assert.doesNotMatch(read(root, 'real/target.ts'), /await 42/);
  assert.deepEqual(fs.readdirSync(path.join(root, 'src')).sort(), ['link.ts', 'private.ts', 'script.ts', 'windows.ts']);
  assertCompiles(root, ['src/script.ts', 'src/windows.ts']);
});

test('a rule that fails while fixing stops the run before anything is written (exit 2), unless --continue-on-error', () => {
  const root = makeProject({ 'src/safe.ts': SAFE, 'src/other.ts': SAFE });
  const env = { LOOPGUARD_TEST_FAIL_RULE: 'floating-promise:other.ts' };
  const stopped = run(['--fix', 'src'], root, env);
  assert.equal(stopped.status, 2);
  assert.match(stopped.stderr, /loopguard: error: rule floating-promise failed on src\/other\.ts/);
  assert.match(stopped.stderr, /no file was changed/);
  assert.equal(read(root, 'src/safe.ts'), SAFE);
  assert.equal(read(root, 'src/other.ts'), SAFE);
  // Going on, the fixes the working rules offer are applied and the failure is still reported.
  const goingOn = run(['--fix', '--continue-on-error', 'src'], root, env);
  assert.equal(read(root, 'src/other.ts'), SAFE.replace('await 42', '42'), "its directive names the failed rule: it may be used, so it stays");
  assert.doesNotMatch(read(root, 'src/safe.ts'), /await 42|loopguard-ignore/);
  assert.match(goingOn.stderr, /rule floating-promise failed on src\/other\.ts/);
  assert.match(goingOn.stdout, /1 rule failure/);
});
