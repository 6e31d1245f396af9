// The baseline, loopguard-suppressions.json: written by --suppress-all, honoured by later CLI runs
// and by the language server from the start, pruned by --prune-suppressions; stale entries are
// hints on the file, a broken file is exit 2 with file and line. Projects are made in temp folders.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient } from './helpers/lspClient.mjs';
import { findingKeys, runCli, runCliJson, tempProject as tempProject_, writeFiles } from './helpers/cliRun.mjs';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../..');
const TSCONFIG = fs.readFileSync(path.join(repoRoot, 'test/fixtures/cli/project/tsconfig.json'), 'utf8');
const SUPPRESSIONS = 'loopguard-suppressions.json';

/** A repository root (the lookup of suppressions files stops there) with a tsconfig and `files`. */
const tempProject = (files) => tempProject_('baseline', { 'tsconfig.json': TSCONFIG, ...files }, { git: true });
const run = (args, cwd) => runCli(args, { cwd });
const runJson = (args, cwd) => runCliJson(args, { cwd });
const keys = findingKeys;
const readSuppressions = (root) => JSON.parse(fs.readFileSync(path.join(root, SUPPRESSIONS), 'utf8'));

const SERVICE = `import * as fs from 'node:fs';
export class Repo {
  async load(file: string): Promise<string> {
    return fs.readFileSync(file, 'utf8');
  }
}
export async function twice(file: string): Promise<void> {
  fs.readFileSync(file);
  fs.readFileSync(file);
}
fetch('https://example.com');
`;
const OTHER = `import * as fs from 'node:fs';
export async function other(file: string): Promise<boolean> {
  return fs.existsSync(file);
}
`;

describe('loopguard --suppress-all and later runs', () => {
  const root = tempProject({ 'src/service.ts': SERVICE, 'src/other.ts': OTHER });

  test('before: the project has problems (the control)', () => {
    const { status, findings } = runJson([], root);
    assert.equal(status, 1);
    assert.deepEqual(keys(findings), ['src/other.ts:3 blocking-call', 'src/service.ts:11 floating-promise', 'src/service.ts:4 blocking-call', 'src/service.ts:8 blocking-call', 'src/service.ts:9 blocking-call']);
  });

  test('--suppress-all writes every problem with its key and count, says how many, exits 0', () => {
    const result = run(['--suppress-all'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^5 problems in 2 files suppressed in loopguard-suppressions\.json\. Commit the file/);
    const text = fs.readFileSync(path.join(root, SUPPRESSIONS), 'utf8');
    assert.ok(text.endsWith('}\n'), 'ends with a newline');
    assert.deepEqual(JSON.parse(text), {
      version: 1,
      files: {
        'src/other.ts': { 'blocking-call': { "other: fs.existsSync(file)": 1 } },
        'src/service.ts': {
          'blocking-call': { "Repo.load: fs.readFileSync(file,'utf8')": 1, 'twice: fs.readFileSync(file)': 2 },
          'floating-promise': { "<top level>: fetch('https://example.com')": 1 },
        },
      },
    });
    // Diff-friendly: the same data written again is the same text (sorted keys, 2-space JSON).
    assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  test('a run after it reports nothing and exits 0', () => {
    const { status, findings } = runJson([], root);
    assert.equal(status, 0);
    assert.deepEqual(findings, []);
  });

  test('an edit above the finding (5 lines at the top) keeps it suppressed; a new finding is reported', () => {
    const edited = `// one\n// two\n// three\n// four\n// five\n${SERVICE}export async function fresh(file: string): Promise<void> {\n  fs.readFileSync(file);\n}\n`;
    fs.writeFileSync(path.join(root, 'src/service.ts'), edited);
    const { status, findings } = runJson([], root);
    assert.equal(status, 1);
    assert.deepEqual(keys(findings), ['src/service.ts:18 blocking-call']);
  });

  test('two equal findings with count 2: a third equal one is reported, only it', () => {
    const third = SERVICE.replace('  fs.readFileSync(file);\n}', '  fs.readFileSync(file);\n  fs.readFileSync(file);\n}');
    fs.writeFileSync(path.join(root, 'src/service.ts'), third);
    const { findings } = runJson([], root);
    assert.deepEqual(keys(findings), ['src/service.ts:10 blocking-call']);
    fs.writeFileSync(path.join(root, 'src/service.ts'), SERVICE);
  });

  test('a fixed finding leaves a stale entry: a hint on the entry line of the suppressions file, not a failure', () => {
    fs.writeFileSync(path.join(root, 'src/other.ts'), OTHER.replace('fs.existsSync(file)', 'true'));
    const text = run([], root);
    assert.equal(text.status, 0, text.stdout);
    const entryLine = fs.readFileSync(path.join(root, SUPPRESSIONS), 'utf8').split('\n').findIndex((line) => line.includes('other: fs.existsSync(file)')) + 1;
    assert.match(text.stdout, new RegExp(`^loopguard-suppressions\\.json:${entryLine}:\\d+  hint  This suppression \\(blocking-call in src/other\\.ts\\) suppresses nothing.*--prune-suppressions.*unused-suppression$`, 'm'));
    const { findings } = runJson([], root);
    assert.deepEqual(keys(findings), [`loopguard-suppressions.json:${entryLine} unused-suppression`]);
  });

  test('--prune-suppressions drops the fixed finding\'s entry, lowers a count, keeps the others', () => {
    // One of the two equal calls is gone too.
    fs.writeFileSync(path.join(root, 'src/service.ts'), SERVICE.replace('  fs.readFileSync(file);\n  fs.readFileSync(file);', '  fs.readFileSync(file);'));
    const result = run(['--prune-suppressions'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Dropped 2 suppressions that matched nothing from loopguard-suppressions\.json/);
    assert.deepEqual(readSuppressions(root).files, {
      'src/service.ts': {
        'blocking-call': { "Repo.load: fs.readFileSync(file,'utf8')": 1, 'twice: fs.readFileSync(file)': 1 },
        'floating-promise': { "<top level>: fetch('https://example.com')": 1 },
      },
    });
    const after = runJson([], root);
    assert.equal(after.status, 0);
    assert.deepEqual(after.findings, []);
    assert.match(run(['--prune-suppressions'], root).stdout, /Nothing to prune/);
  });

  test('a deleted file\'s entries are stale and pruned', () => {
    fs.rmSync(path.join(root, 'src/service.ts'));
    writeFiles(root, { 'src/other.ts': OTHER });
    const { findings } = runJson([], root);
    assert.ok(keys(findings).includes('loopguard-suppressions.json:4 unused-suppression'), keys(findings).join('\n'));
    assert.equal(run(['--prune-suppressions'], root).status, 0);
    assert.deepEqual(readSuppressions(root).files, {});
  });
});

describe('suppressions files: lookup, one rule, bad files', () => {
  test('--suppress-rule suppresses one rule only; a nested suppressions file applies below its folder', () => {
    const root = tempProject({ 'src/service.ts': SERVICE, 'pkg/lib/other.ts': OTHER, 'pkg/loopguard-suppressions.json': '{ "version": 1, "files": {} }\n' });
    const result = run(['--suppress-rule', 'floating-promise'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(readSuppressions(root).files, { 'src/service.ts': { 'floating-promise': { "<top level>: fetch('https://example.com')": 1 } } });
    // pkg/ has its own (empty) file: nothing of pkg/lib/other.ts went into the root one, and it is still reported.
    const { findings } = runJson([], root);
    assert.deepEqual(keys(findings), ['pkg/lib/other.ts:3 blocking-call', 'src/service.ts:4 blocking-call', 'src/service.ts:8 blocking-call', 'src/service.ts:9 blocking-call']);
    assert.equal(run(['--suppress-all', 'pkg'], root).status, 0);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'pkg', SUPPRESSIONS), 'utf8')).files, { 'lib/other.ts': { 'blocking-call': { 'other: fs.existsSync(file)': 1 } } });
    assert.deepEqual(keys(runJson(['pkg'], root).findings), []);
  });

  test('a suppressions file that is not valid JSON: exit 2 with file, line and what to do', () => {
    const root = tempProject({ 'src/service.ts': SERVICE, [SUPPRESSIONS]: '{\n  "version": 1,\n  "files": {\n    "src/service.ts": {,\n  }\n}\n' });
    const result = run([], root);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^loopguard: loopguard-suppressions\.json:4:24: not valid JSON: .*\nFix the suppressions file/);
  });

  test('a suppressions file of the wrong shape: exit 2 with the line of the bad value', () => {
    const root = tempProject({ 'src/service.ts': SERVICE, [SUPPRESSIONS]: '{\n  "version": 1,\n  "files": {\n    "src/service.ts": { "blocking-call": { "x": "two" } }\n  }\n}\n' });
    const result = run([], root);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /loopguard-suppressions\.json:4:\d+: the count of "x" must be a whole number of 1 or more/);
  });

  test('--suppress-all with --prune-suppressions is a usage error', () => {
    const root = tempProject({ 'src/service.ts': SERVICE });
    const result = run(['--suppress-all', '--prune-suppressions'], root);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /cannot be used together/);
    assert.equal(fs.existsSync(path.join(root, SUPPRESSIONS)), false);
  });
});

describe('the language server honours the baseline', () => {
  test('from the start, and picks up a change of the file on disk', async () => {
    const root = tempProject({ 'src/service.ts': SERVICE });
    assert.equal(run(['--suppress-rule', 'blocking-call'], root).status, 0);
    const client = new LspClient({ workspace: root });
    const shown = [];
    client.connection.onNotification('window/showMessage', (message) => shown.push(message.message));
    try {
      await client.initialize();
      const file = path.join(root, 'src/service.ts');
      await client.open(file, SERVICE);
      const codes = async () => (await client.diagnostics(file)).map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.code}`).sort();
      assert.deepEqual(await codes(), ['11 floating-promise']);
      // The file changes on disk (e.g. git pull): the client's watcher tells the server.
      fs.writeFileSync(path.join(root, SUPPRESSIONS), '{ "version": 1, "files": {} }\n');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(path.join(root, SUPPRESSIONS)), type: 2 }] });
      assert.deepEqual(await codes(), ['11 floating-promise', '4 blocking-call', '8 blocking-call', '9 blocking-call']);
      // A broken file: analysis goes on without it, and the user is told where.
      fs.writeFileSync(path.join(root, SUPPRESSIONS), '{ "version": 1, "files": { "src/service.ts": { "floating-promise": { "<top level>: fetch(\'https://example.com\')": 1 } } }\n');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(path.join(root, SUPPRESSIONS)), type: 2 }] });
      assert.deepEqual(await codes(), ['11 floating-promise', '4 blocking-call', '8 blocking-call', '9 blocking-call']);
      assert.ok(client.logs.some((message) => /loopguard-suppressions\.json:\d+:\d+: not valid JSON/.test(message)), client.logs.join('\n'));
      assert.equal(shown.filter((message) => /loopguard-suppressions\.json:\d+:\d+: not valid JSON.*without this baseline/.test(message)).length, 1, shown.join('\n'));
    } finally {
      await client.stop();
    }
  });
});

describe('keys and counts (engine)', async () => {
  const { createEngine, engineModule } = await import('./helpers/engine.mjs');
  const { findingKey, ts } = engineModule;

  /** The key of the first occurrence of `needle` in `code` (the range of `needle`). */
  const keyOf = (code, needle) => {
    const sourceFile = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
    const start = code.indexOf(needle);
    return findingKey(sourceFile, start, start + needle.length);
  };

  test('the key names the enclosing named scopes and the call, whitespace normalised', () => {
    assert.equal(keyOf('class Repo {\n  async load() {\n    fs.readFileSync(\n      file,\n      "utf8",\n    );\n  }\n}', 'fs.readFileSync'), 'Repo.load: fs.readFileSync(file,"utf8")');
    assert.equal(keyOf('export const handler = async () => { save(1); };', 'save'), 'handler: save(1)');
    assert.equal(keyOf('const api = { async refresh() { save(1); } };', 'save'), 'api.refresh: save(1)');
    assert.equal(keyOf('class A { constructor() { save(1); } get x() { return save(2); } }', 'save(2)'), 'A.get x: save(2)');
    assert.equal(keyOf('namespace N { function f() { items.forEach(async (n) => { await save(n); }); } }', 'save(n)'), 'N.f: save(n)');
    assert.equal(keyOf('save(1);', 'save'), '<top level>: save(1)');
    assert.equal(keyOf('export default async function () { save(1); }', 'save'), 'default: save(1)');
    const long = keyOf(`run(${'x'.repeat(200)});`, 'run');
    assert.ok(long.length < 100 && long.endsWith('…'), long);
  });

  test('the key survives edits above the finding, in its function or outside it', () => {
    const before = 'function f() {\n  save(1);\n}';
    const after = '// new\nimport x from "y";\nfunction g() {}\nfunction f() {\n  const y = 2;\n\n  save( 1 );\n}';
    assert.equal(keyOf(after, 'save'), keyOf(before, 'save'));
  });

  test('keys are computed only when read, or when a suppressions file applies (the editor reads none on a keystroke)', () => {
    const { Baselines } = engineModule;
    const root = tempProject({});
    const file = path.join(root, 'src/a.ts');
    const findings = [{ ruleId: 'floating-promise', start: 1, end: 2 }, { ruleId: 'floating-promise', start: 3, end: 4 }];
    let computed = 0;
    const keyOf = (finding) => {
      computed++;
      return `key ${finding.start}`;
    };
    const { outcome } = new Baselines().apply(file, findings, keyOf, () => true);
    assert.equal(computed, 0, 'no suppressions file: no key computed');
    assert.deepEqual(outcome.found, [{ ruleId: 'floating-promise', key: 'key 1' }, { ruleId: 'floating-promise', key: 'key 3' }]);
    assert.deepEqual(outcome.found.length, 2);
    assert.equal(computed, 2, 'computed once, when read');
    // The CLI's cache stores outcomes as JSON: the keys go with them.
    assert.deepEqual(JSON.parse(JSON.stringify(outcome)).found, outcome.found);
    writeFiles(root, { [SUPPRESSIONS]: JSON.stringify({ version: 1, files: { 'src/a.ts': { 'floating-promise': { 'key 1': 1 } } } }) });
    computed = 0;
    const applied = new Baselines().apply(file, findings, keyOf, () => true);
    assert.equal(applied.outcome.suppressed, 1);
    assert.equal(computed, 2);
  });

  test('a count larger than what is left is stale, with how many are left', () => {
    const root = tempProject({});
    const file = path.join(root, 'src/a.ts');
    writeFiles(root, {
      [SUPPRESSIONS]: JSON.stringify({ version: 1, files: { 'src/a.ts': { 'floating-promise': { '<top level>: fetch(url)': 3, '<top level>: fetch(other)': 1 } } } }, null, 2),
    });
    const engine = createEngine({ root });
    engine.host.setOverlay(file, 'declare const url: string;\nfetch(url);\nfetch(url);\n');
    const report = engine.analyzeFile(file);
    assert.deepEqual(report.findings.map((finding) => finding.ruleId), []);
    assert.equal(report.baseline.suppressed, 2);
    assert.deepEqual(
      report.baseline.stale.map((finding) => finding.message),
      [
        'This suppression (floating-promise in src/a.ts) counts 3 problems but 2 are left. Run loopguard --prune-suppressions to lower its count.',
        'This suppression (floating-promise in src/a.ts) suppresses nothing: that problem is gone. Run loopguard --prune-suppressions to drop it.',
      ],
    );
    // An entry of a rule that is off is not judged.
    const off = createEngine({ root, settings: { rules: { 'floating-promise': 'off' } } });
    off.host.setOverlay(file, 'declare const url: string;\nfetch(url);\n');
    assert.deepEqual(off.analyzeFile(file).baseline.stale, []);
  });
});

test('--suppress-all on some paths keeps the entries of the files it did not check', () => {
  const root = tempProject({ 'src/service.ts': SERVICE, 'src/other.ts': OTHER });
  assert.equal(run(['--suppress-all', 'src/other.ts'], root).status, 0);
  assert.deepEqual(Object.keys(readSuppressions(root).files), ['src/other.ts']);
  const result = run(['--suppress-all', 'src/service.ts'], root);
  assert.match(result.stdout, /^4 problems in 1 file suppressed/);
  assert.deepEqual(Object.keys(readSuppressions(root).files), ['src/other.ts', 'src/service.ts']);
});

test('the VS Code client watches loopguard-suppressions.json, so the server hears of its changes', () => {
  const client = fs.readFileSync(path.join(repoRoot, 'client/src/extension.ts'), 'utf8');
  const glob = /createFileSystemWatcher\('([^']+)'\)/.exec(client)?.[1] ?? '';
  assert.match(glob, /[{,]loopguard-suppressions\.json[,}]/);
});
