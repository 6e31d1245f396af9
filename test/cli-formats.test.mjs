// The CI side of the CLI: --format github, gitlab, junit and checkstyle (rule id, concept URL and
// related locations in each, escaping), the github default under GITHUB_ACTIONS, and --changed
// [--base] in temporary git repositories.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempProject as makeProject, writeFiles } from './helpers/cliRun.mjs';

const require = createRequire(import.meta.url);
// sax (strict mode) checks that the XML reports are well-formed; it is in node_modules through @vscode/vsce.
const sax = require('sax');
const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../..');
const projectDir = path.join(repoRoot, 'test/fixtures/cli/project');
const TSCONFIG = fs.readFileSync(path.join(projectDir, 'tsconfig.json'), 'utf8');
const CONCEPT_URL = 'https://github.com/loopguard/loopguard/blob/main/docs/concepts/file-io.md';

/** Runs the CLI with the CI variables it reads unset unless `env` sets them. */
const run = (args, { cwd = projectDir, env = {} } = {}) => runCli(args, { cwd, env });
const tempProject = (files) => makeProject('formats', files);
const write = writeFiles;

/** Parses XML strictly (sax throws on anything not well-formed); returns the elements in order. */
function parseXml(text) {
  const elements = [];
  const stack = [];
  const parser = sax.parser(true);
  parser.onerror = (error) => {
    throw new Error(`not well-formed XML: ${error.message}\n${text}`);
  };
  parser.onopentag = (node) => {
    const element = { name: node.name, attributes: node.attributes, text: '', children: [] };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    elements.push(element);
  };
  parser.ontext = (chunk) => {
    if (stack.length) stack.at(-1).text += chunk;
  };
  parser.onclosetag = () => stack.pop();
  parser.write(text).close();
  return elements;
}

// A file name with every character some format must escape: GitHub properties (% , :), XML (& < > " ').
const ODD = `we%ird,na:me&<x>"q'`;
/** helper.ts blocks in a sync helper that the odd file's async handler calls (a related location in
 *  the odd file); the odd file also blocks directly. */
function oddProject() {
  return tempProject({
    'tsconfig.json': TSCONFIG,
    'src/helper.ts': `import * as fs from 'node:fs';\nexport function readIt(file: string): string {\n  return fs.readFileSync(file, 'utf8');\n}\n`,
    [`src/${ODD}.ts`]: `import * as fs from 'node:fs';\nimport { readIt } from './helper.js';\nexport async function handle(file: string): Promise<string> {\n  fs.writeFileSync(file, '');\n  return readIt(file);\n}\n`,
  });
}

describe('github', () => {
  test('one workflow command per finding: error/warning/notice, position, title, message with the rule and concept URL', () => {
    const result = run(['--format', 'github']);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, result.stdout);
    assert.ok(
      lines.includes(
        `::warning file=src/reader.ts,line=5,col=10,endLine=5,endColumn=25,title=Loop Guard blocking-call::fs.readFileSync blocks the event loop inside async function 'readSettings'; use fs.promises.readFile.%0Ablocking-call: ${CONCEPT_URL}`,
      ),
      result.stdout,
    );
    const severities = run(['--format', 'github', '--rule', 'blocking-call=error']).stdout.trimEnd().split('\n');
    assert.ok(severities.every((line) => line.startsWith('::error ')), severities.join('\n'));
    const info = run(['--format', 'github', '--rule', 'blocking-call=info']);
    assert.equal(info.status, 0);
    assert.ok(info.stdout.trimEnd().split('\n').every((line) => line.startsWith('::notice ')), info.stdout);
    assert.ok(run(['--format', 'github', '--rule', 'blocking-call=hint']).stdout.startsWith('::notice '));
  });

  test('escaping: % CR LF in the message; also : and , in properties; each command stays on one line', () => {
    const root = oddProject();
    const result = run(['--format', 'github'], { cwd: root });
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, result.stdout);
    const odd = lines.find((line) => line.includes('writeFileSync'));
    assert.equal(
      odd.slice(0, odd.indexOf('::', 2)),
      `::warning file=src/we%25ird%2Cna%3Ame&<x>"q'.ts,line=4,col=3,endLine=4,endColumn=19,title=Loop Guard blocking-call`,
    );
    // The transitive finding sits at the blocking call in helper.ts; its related location (the
    // caller in the odd file) is a line of the message: LF as %0A, % as %25, ':' and ',' as is.
    const helper = lines.find((line) => line.includes('file=src/helper.ts'));
    assert.match(helper, /^::warning file=src\/helper\.ts,line=3,col=10,endLine=3,endColumn=25,title=Loop Guard blocking-call::fs\.readFileSync blocks/);
    const message = helper.slice(helper.indexOf('::', 2) + 2);
    assert.ok(message.includes(`%0A  reached from async function 'handle' through readIt() (src/we%25ird,na:me&<x>"q'.ts:5)%0Ablocking-call: ${CONCEPT_URL}`), message);
    assert.doesNotMatch(message, /%(?!25|0A|0D)/, 'every % is escaped');
  });

  test('GITHUB_ACTIONS=true makes github the default; --format still wins; other values keep text', () => {
    const github = run([], { env: { GITHUB_ACTIONS: 'true' } });
    assert.equal(github.stdout, run(['--format', 'github']).stdout);
    assert.match(github.stdout, /^::warning file=/);
    assert.equal(run(['--format', 'json'], { env: { GITHUB_ACTIONS: 'true' } }).stdout, run(['--format', 'json']).stdout);
    assert.match(run([], { env: { GITHUB_ACTIONS: 'false' } }).stdout, /^src\/.+  warning  /);
    assert.match(run([]).stdout, /^src\/.+  warning  /);
  });

  test('paths are relative to GITHUB_WORKSPACE (a job may run loopguard in a subfolder)', () => {
    const result = run(['--format', 'github', 'src/reader.ts'], { env: { GITHUB_WORKSPACE: repoRoot } });
    assert.match(result.stdout, /^::warning file=test\/fixtures\/cli\/project\/src\/reader\.ts,line=5,/);
    const outside = run(['--format', 'github', 'src/reader.ts'], { env: { GITHUB_WORKSPACE: path.join(repoRoot, 'docs') } });
    assert.match(outside.stdout, /^::warning file=src\/reader\.ts,line=5,/, 'a file outside the workspace keeps its path');
  });

  test('a clean run prints no command, exit 0', () => {
    const result = run(['--format', 'github', 'src/clean.ts']);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
  });
});

describe('gitlab', () => {
  test('Code Quality issues: description with rule, URL and related locations; check_name; severity; location', () => {
    const root = oddProject();
    const result = run(['--format', 'gitlab'], { cwd: root });
    assert.equal(result.status, 1, result.stderr);
    const issues = JSON.parse(result.stdout);
    assert.equal(issues.length, 2);
    for (const issue of issues) {
      assert.deepEqual(Object.keys(issue), ['description', 'check_name', 'fingerprint', 'severity', 'location']);
      assert.equal(issue.check_name, 'blocking-call');
      assert.equal(issue.severity, 'minor');
      assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
      assert.ok(issue.description.endsWith(`(blocking-call, ${CONCEPT_URL})`), issue.description);
    }
    const helper = issues.find((issue) => issue.location.path === 'src/helper.ts');
    assert.deepEqual(helper.location, { path: 'src/helper.ts', lines: { begin: 3, end: 3 } });
    assert.ok(helper.description.includes(`Related: reached from async function 'handle' through readIt() (src/${ODD}.ts:5).`), helper.description);
    assert.equal(new Set(issues.map((issue) => issue.fingerprint)).size, 2);
    const errors = JSON.parse(run(['--format', 'gitlab', '--rule', 'blocking-call=error'], { cwd: root }).stdout);
    assert.ok(errors.every((issue) => issue.severity === 'major'));
    const infos = JSON.parse(run(['--format', 'gitlab', '--rule', 'blocking-call=info'], { cwd: root }).stdout);
    assert.ok(infos.every((issue) => issue.severity === 'info'));
  });

  test('fingerprints survive lines inserted above; two identical findings in a file get different ones; a clean run is []', () => {
    const body = `export async function a(file: string): Promise<string> {\n  return fs.readFileSync(file, 'utf8');\n}\nexport async function b(file: string): Promise<string> {\n  return fs.readFileSync(file, 'utf8');\n}\n`;
    const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/twice.ts': `import * as fs from 'node:fs';\n${body}` });
    const before = JSON.parse(run(['--format', 'gitlab'], { cwd: root }).stdout);
    assert.equal(before.length, 2);
    assert.notEqual(before[0].fingerprint, before[1].fingerprint, 'same rule, message and code: the occurrence index tells them apart');
    write(root, { 'src/twice.ts': `import * as fs from 'node:fs';\n// a comment\n\nconst unrelated = 1;\nexport { unrelated };\n${body}` });
    const afterInsert = JSON.parse(run(['--format', 'gitlab'], { cwd: root }).stdout);
    assert.deepEqual(afterInsert.map((issue) => issue.location.lines.begin), before.map((issue) => issue.location.lines.begin + 4));
    assert.deepEqual(afterInsert.map((issue) => issue.fingerprint), before.map((issue) => issue.fingerprint));
    // location.path is relative to CI_PROJECT_DIR; the fingerprint does not depend on the folder loopguard ran in.
    const fromRoot = JSON.parse(run(['--format', 'gitlab', 'src/twice.ts'], { cwd: root, env: { CI_PROJECT_DIR: root } }).stdout);
    const fromSrc = JSON.parse(run(['--format', 'gitlab', 'twice.ts'], { cwd: path.join(root, 'src'), env: { CI_PROJECT_DIR: root } }).stdout);
    assert.deepEqual(fromSrc.map((issue) => issue.location.path), ['src/twice.ts', 'src/twice.ts']);
    assert.deepEqual(fromSrc, fromRoot);
    const clean = run(['--format', 'gitlab', 'src/clean.ts']);
    assert.equal(clean.status, 0);
    assert.deepEqual(JSON.parse(clean.stdout), []);
  });
});

describe('junit', () => {
  test('well-formed XML: a testsuite per file, a failing testcase per finding with rule, URL and related locations', () => {
    const root = oddProject();
    const result = run(['--format', 'junit'], { cwd: root });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    const elements = parseXml(result.stdout);
    const [suites] = elements;
    assert.equal(suites.name, 'testsuites');
    assert.deepEqual({ tests: suites.attributes.tests, failures: suites.attributes.failures, errors: suites.attributes.errors }, { tests: '2', failures: '2', errors: '0' });
    const suiteNames = suites.children.map((suite) => suite.attributes.name).sort();
    assert.deepEqual(suiteNames, ['src/helper.ts', `src/${ODD}.ts`], 'file names with & < > " \' come back intact');
    const helperCase = suites.children.find((suite) => suite.attributes.name === 'src/helper.ts').children[0];
    assert.equal(helperCase.name, 'testcase');
    assert.equal(helperCase.attributes.name, 'blocking-call at src/helper.ts:3:10');
    const [failure] = helperCase.children;
    assert.equal(failure.name, 'failure');
    assert.equal(failure.attributes.type, 'warning');
    assert.ok(failure.attributes.message.includes(`reached from async function 'handle' through readIt() (src/${ODD}.ts:5)`), failure.attributes.message);
    assert.ok(failure.text.includes(`blocking-call: ${CONCEPT_URL}`), failure.text);
  });

  test('a clean run is one passing testcase', () => {
    const result = run(['--format', 'junit', 'src/clean.ts']);
    assert.equal(result.status, 0);
    const elements = parseXml(result.stdout);
    const cases = elements.filter((element) => element.name === 'testcase');
    assert.equal(cases.length, 1);
    assert.deepEqual(cases[0].children, []);
    assert.equal(cases[0].attributes.name, 'no problems in 1 file');
  });
});

describe('checkstyle', () => {
  test('as ESLint writes it: <file name=absolute> with <error line column severity message="... (rule)" source>', () => {
    const root = oddProject();
    const result = run(['--format', 'checkstyle'], { cwd: root });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<checkstyle version="4\.3">/);
    const elements = parseXml(result.stdout);
    const files = elements.filter((element) => element.name === 'file');
    assert.deepEqual(files.map((file) => file.attributes.name).sort(), [path.join(root, `src/${ODD}.ts`), path.join(root, 'src/helper.ts')].sort());
    const helper = files.find((file) => file.attributes.name.endsWith('helper.ts')).children[0];
    assert.equal(helper.name, 'error');
    assert.deepEqual({ ...helper.attributes, message: undefined }, { line: '3', column: '10', severity: 'warning', message: undefined, source: 'loopguard.rules.blocking-call' });
    assert.ok(helper.attributes.message.includes(`reached from async function 'handle' through readIt() (src/${ODD}.ts:5)`), helper.attributes.message);
    assert.ok(helper.attributes.message.endsWith(`(blocking-call: ${CONCEPT_URL})`), helper.attributes.message);
    const clean = run(['--format', 'checkstyle', 'src/clean.ts']);
    assert.equal(clean.status, 0);
    assert.equal(parseXml(clean.stdout).filter((element) => element.name === 'file').length, 0);
  });

  test('a line break and a control character in a file name: XML stays well-formed (U+FFFD for what XML cannot hold), GitHub escapes LF and CR', () => {
    // A file name with a control character (\x01), LF and CR: both must keep the XML well-formed.
    const name = 'src/ctl\x01and\nbr\reak.ts';
    const root = tempProject({ 'tsconfig.json': TSCONFIG, [name]: `import * as fs from 'node:fs';\nexport async function f(file: string): Promise<string> {\n  return fs.readFileSync(file, 'utf8');\n}\n` });
    for (const format of ['checkstyle', 'junit']) {
      const result = run(['--format', format], { cwd: root });
      assert.equal(result.status, 1, result.stderr);
      const elements = parseXml(result.stdout);
      const names = elements.map((element) => element.attributes.name).filter(Boolean);
      assert.ok(names.some((value) => value.includes('ctl\uFFFDand\nbr\reak.ts')), `${format}: ${names.join(' | ')}`);
    }
    // GitHub: LF and CR in the file property are %0A and %0D, so the command stays on one line.
    const github = run(['--format', 'github'], { cwd: root }).stdout;
    assert.equal(github.trimEnd().split('\n').length, 1, github);
    assert.match(github, /^::warning file=src\/ctl\x01and%0Abr%0Deak\.ts,line=3,/);
  });
});

describe('text, json and sarif carry the related locations', () => {
  test('text: an indented line per related location; json: "related"; sarif: relatedLocations', () => {
    const root = oddProject();
    const text = run([], { cwd: root }).stdout;
    assert.match(text, new RegExp(`^src/helper\\.ts:3:10  warning  .+\\n    src/${ODD.replace(/[%,:&<>"'.]/g, (ch) => `\\${ch}`)}\\.ts:5:10  reached from async function 'handle' through readIt\\(\\)$`, 'm'));
    const json = JSON.parse(run(['--format', 'json'], { cwd: root }).stdout);
    const helper = json.find((finding) => finding.file === 'src/helper.ts');
    assert.deepEqual(helper.related, [{ file: `src/${ODD}.ts`, line: 5, column: 10, endLine: 5, endColumn: 22, message: "reached from async function 'handle' through readIt()" }]);
    assert.equal(json.find((finding) => finding.file !== 'src/helper.ts').related, undefined, 'no empty "related"');
    const sarif = JSON.parse(run(['--format', 'sarif'], { cwd: root }).stdout);
    const result = sarif.runs[0].results.find((item) => item.locations[0].physicalLocation.artifactLocation.uri === 'src/helper.ts');
    assert.equal(result.relatedLocations.length, 1);
    assert.equal(result.relatedLocations[0].message.text, "reached from async function 'handle' through readIt()");
    assert.equal(result.relatedLocations[0].physicalLocation.region.startLine, 5);
  });
});

describe('usage', () => {
  test('--format names the CI formats in its error; --base needs --changed', () => {
    const bad = run(['--format', 'gitlab-ci']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format must be text, json, sarif, github, gitlab, junit or checkstyle \(got "gitlab-ci"\)/);
    const base = run(['--base', 'main']);
    assert.equal(base.status, 2);
    assert.match(base.stderr, /--base only applies with --changed/);
    assert.equal(base.stdout, '');
    const help = run(['--help']).stdout;
    for (const option of ['--changed', '--base <ref>', 'github', 'gitlab', 'junit', 'checkstyle', 'GITHUB_ACTIONS']) assert.ok(help.includes(option), option);
  });
});

describe('--changed', () => {
  const gitEnv = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: os.tmpdir() };
  const git = (root, ...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...gitEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const BLOCKING_ASYNC = (name) => `import * as fs from 'node:fs';\nexport async function ${name}(file: string): Promise<string> {\n  return fs.readFileSync(file, 'utf8');\n}\n`;

  /** A committed project where each unchanged file has a role:
   *  - caller.ts: async, calls helper.ts's loadConfig (becomes blocking), and has an old blocking call of its own;
   *  - entry.ts -> mid.ts -> leaf.ts: leaf's readTemplate blocks, but no event-loop code reaches it until mid.ts calls it;
   *  - user.ts: calls value.ts's getValue(), which becomes async (its call then floats);
   *  - unrelated.ts: a blocking call in an async function, importing nothing that changes. */
  function repo() {
    const root = tempProject({
      'tsconfig.json': TSCONFIG,
      '.gitignore': 'ignored/\n',
      'src/helper.ts': `export function loadConfig(file: string): string {\n  return file.toUpperCase();\n}\n`,
      'src/caller.ts': `import * as fs from 'node:fs';\nimport { loadConfig } from './helper.js';\nexport async function handle(file: string): Promise<string> {\n  return loadConfig(file);\n}\nexport async function old(file: string): Promise<string> {\n  return fs.readFileSync(file, 'utf8');\n}\n`,
      'src/leaf.ts': `import * as fs from 'node:fs';\nexport function readTemplate(file: string): string {\n  return fs.readFileSync(file, 'utf8');\n}\n`,
      'src/mid.ts': `export function render(file: string): string {\n  return file;\n}\n`,
      'src/entry.ts': `import { render } from './mid.js';\nexport async function page(file: string): Promise<string> {\n  return render(file);\n}\n`,
      'src/value.ts': `export function getValue(): number {\n  return 1;\n}\n`,
      'src/user.ts': `import { getValue } from './value.js';\nexport async function use(): Promise<void> {\n  getValue();\n}\n`,
      'src/unrelated.ts': BLOCKING_ASYNC('other'),
    });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'initial');
    return root;
  }
  /** The changes: helper.ts and mid.ts now block; value.ts's getValue is async; a new untracked file blocks. */
  const CHANGES = {
    'src/helper.ts': `import * as fs from 'node:fs';\nexport function loadConfig(file: string): string {\n  return fs.readFileSync(file, 'utf8');\n}\n`,
    'src/mid.ts': `import { readTemplate } from './leaf.js';\nexport function render(file: string): string {\n  return readTemplate(file);\n}\n`,
    'src/value.ts': `export async function getValue(): Promise<number> {\n  return 1;\n}\n`,
    'src/new.ts': BLOCKING_ASYNC('fresh'),
  };
  const summary = (findings) => findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort();

  test('reports the changed files and the findings a change causes in unchanged files, not the others', () => {
    const root = repo();
    const full = run(['--format', 'json'], { cwd: root });
    assert.deepEqual(summary(JSON.parse(full.stdout)), ['src/caller.ts:7 blocking-call', 'src/unrelated.ts:3 blocking-call'], 'control: the old findings exist');
    const clean = run(['--changed'], { cwd: root });
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stdout, 'No problems found.\n');
    assert.match(clean.stderr, /--changed: compared with HEAD: checked 0 changed files and 0 files/);

    write(root, { ...CHANGES, 'ignored/skip.ts': BLOCKING_ASYNC('skipped') });
    git(root, 'add', 'src/value.ts'); // staged and unstaged changes both count
    const result = run(['--changed', '--format', 'json'], { cwd: root });
    assert.equal(result.status, 1, result.stderr);
    const findings = JSON.parse(result.stdout);
    assert.deepEqual(summary(findings), [
      'src/helper.ts:3 blocking-call', // changed: the helper now blocks, reached from caller.ts
      'src/leaf.ts:3 blocking-call', // unchanged: mid.ts's change makes entry.ts reach it
      'src/new.ts:3 blocking-call', // untracked
      'src/user.ts:3 floating-promise', // unchanged: getValue() now returns a promise nobody handles
    ]);
    const helper = findings.find((finding) => finding.file === 'src/helper.ts');
    assert.deepEqual(helper.related.map((related) => `${related.file}:${related.line}`), ['src/caller.ts:4'], 'the unchanged async caller is named');
    assert.ok(findings.find((finding) => finding.file === 'src/leaf.ts').related.some((related) => related.file === 'src/entry.ts'));
    // caller.ts (affected) keeps its old finding out; unrelated.ts is not even analysed.
    assert.match(result.stderr, /checked 4 changed files and 4 files that import or are imported by one/);
  });

  test('--base <branch>: files changed since the merge base, committed or not; deleted files are ignored', () => {
    const root = repo();
    git(root, 'checkout', '-q', '-b', 'feature');
    write(root, { 'src/helper.ts': CHANGES['src/helper.ts'] });
    git(root, 'rm', '-q', 'src/unrelated.ts');
    git(root, 'commit', '-q', '-am', 'helper blocks');
    write(root, { 'src/value.ts': CHANGES['src/value.ts'] });
    // main moves on after the branch point: its changes are not the branch's.
    git(root, 'checkout', '-q', 'main');
    write(root, { 'src/main-only.ts': BLOCKING_ASYNC('mainOnly') });
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'main work');
    git(root, 'checkout', '-q', 'feature');
    write(root, { 'src/value.ts': CHANGES['src/value.ts'] });
    const result = run(['--changed', '--base', 'main', '--format', 'json'], { cwd: root });
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(summary(JSON.parse(result.stdout)), ['src/helper.ts:3 blocking-call', 'src/user.ts:3 floating-promise']);
    assert.match(result.stderr, /compared with the merge base of main and HEAD \([0-9a-f]{10}\)/);
    // Without --base only the uncommitted change counts.
    assert.deepEqual(summary(JSON.parse(run(['--changed', '--format', 'json'], { cwd: root }).stdout)), ['src/user.ts:3 floating-promise']);
  });

  test('only the paths given are analysed', () => {
    const root = repo();
    write(root, CHANGES);
    const result = run(['src/helper.ts', 'src/user.ts', '--changed', '--format', 'json'], { cwd: root });
    assert.deepEqual(summary(JSON.parse(result.stdout)), ['src/helper.ts:3 blocking-call', 'src/user.ts:3 floating-promise']);
  });

  test('Python: a change is followed through imports (the project model), as for TS', () => {
    // handlers.py (async) starts calling storage.load, which opens a file: storage.py is unchanged, and
    // its finding is the change's. legacy.py blocks already and imports nothing that changed.
    const root = tempProject({
      'pyproject.toml': '[project]\nname = "svc"\n',
      'svc/__init__.py': '',
      'svc/storage.py': 'def load(path):\n    with open(path) as handle:\n        return handle.read()\n',
      'svc/handlers.py': 'from . import storage\n\n\nasync def handle(path):\n    return path\n',
      'svc/legacy.py': 'import time\n\n\nasync def poll():\n    time.sleep(1)\n',
    });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'initial');
    write(root, { 'svc/handlers.py': 'from . import storage\n\n\nasync def handle(path):\n    return storage.load(path)\n' });
    const result = run(['--changed', '--format', 'json'], { cwd: root });
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(summary(JSON.parse(result.stdout)), ['svc/storage.py:2 blocking-call']);
    // handlers.py imports svc (its __init__) and svc.storage; legacy.py is not looked at.
    assert.match(result.stderr, /checked 1 changed file and 2 files that import or are imported by one/);
  });

  test('not a git repository, or an unknown ref: exit 2 with what to do', () => {
    const plain = tempProject({ 'tsconfig.json': TSCONFIG, 'src/a.ts': BLOCKING_ASYNC('a') });
    const notRepo = run(['--changed'], { cwd: plain, env: { GIT_CEILING_DIRECTORIES: path.dirname(plain) } });
    assert.equal(notRepo.status, 2);
    assert.equal(notRepo.stdout, '');
    assert.match(notRepo.stderr, /^loopguard: --changed: .+ is not in a git repository \(git: .+\)\. Run loopguard inside a git working tree, or without --changed\.\n/);
    const root = repo();
    const unknown = run(['--changed', '--base', 'no-such-branch'], { cwd: root });
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /^loopguard: --base no-such-branch: git knows no commit, branch or tag of that name/);
  });
});
