// The engine's per-unit findings cache (engine.ts: a unit is a top-level statement or a member of
// a top-level class) must never change what is found: an edit in one function that changes another
// function's findings still updates them, and after any sequence of edits the cached results equal
// those of an engine without the cache, and of a fresh engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { comparableFindings as comparable, createEngine, engineModule, repoRoot } from './helpers/engine.mjs';
import { makeFuzzWorkspace, mulberry32 } from './robustness/fuzzer.mjs';


/** An engine whose unit cache is emptied before every analysis (same program work, no cached findings). */
function uncached(engine) {
  return (file) => {
    engine.updateSettings(engine.getSettings());
    return engine.analyzeFile(file);
  };
}

test('an edit in a helper changes its async caller\'s findings (transitive blocking call), and back', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-units-'));
  try {
    writeFileSync(path.join(root, 'tsconfig.json'), readFileSync(path.join(repoRoot, 'test/fixtures/tsconfig.json')));
    const file = path.join(root, 'service.ts');
    const clean = [
      "import * as fs from 'node:fs';",
      '',
      'function readConfig(): string {',
      "  return '{}';",
      '}',
      '',
      'export class Service {',
      '  async load(): Promise<string> {',
      '    return readConfig();',
      '  }',
      '',
      '  async other(): Promise<number> {',
      '    return 1;',
      '  }',
      '}',
      '',
      'export async function top(): Promise<string> {',
      '  return readConfig();',
      '}',
      '',
    ].join('\n');
    writeFileSync(file, clean);
    const engine = createEngine({ root });
    const blockingLines = (report) => report.findings.filter((f) => f.ruleId === 'blocking-call').map((f) => report.text.slice(0, f.start).split('\n').length);
    assert.deepEqual(blockingLines(engine.analyzeFile(file)), []);
    // The helper (a sync function, outside every cached unit's text) starts reading a file: both
    // async callers, in a class member and in a top-level function, now reach it. One blocking root,
    // one finding (issue 9): reported once, at the helper's blocking call.
    engine.host.setOverlay(file, clean.replace("return '{}';", "return fs.readFileSync('/etc/app.json', 'utf8');"));
    assert.deepEqual(blockingLines(engine.analyzeFile(file)), [4]);
    // An edit inside an async method with a declared return type reuses the other units (not the
    // helper's: a blocking root's findings depend on its callers anywhere in the file, never cached).
    const before = { ...engine.stats };
    engine.host.setOverlay(file, clean.replace("return '{}';", "return fs.readFileSync('/etc/app.json', 'utf8');").replace('return 1;', 'return 2;'));
    assert.deepEqual(blockingLines(engine.analyzeFile(file)), [4]);
    // Cached units: the import, readConfig, load, other, top. Walked again: the edited `other` and readConfig.
    assert.ok(engine.stats.unitsAnalysed - before.unitsAnalysed <= 2, `${engine.stats.unitsAnalysed - before.unitsAnalysed} units analysed again`);
    assert.ok(engine.stats.unitsReused - before.unitsReused >= 3, 'the import and the callers come from the cache');
    // Removing a caller inside an async body (outside the fingerprint) is seen at the root.
    engine.host.setOverlay(file, clean.replace("return '{}';", "return fs.readFileSync('/etc/app.json', 'utf8');").replace('    return readConfig();', "    return '';"));
    const one = engine.analyzeFile(file).findings.filter((f) => f.ruleId === 'blocking-call');
    assert.match(one[0].message, /reached from async function 'top';/);
    // And back: the findings go away again.
    engine.host.setOverlay(file, clean);
    assert.deepEqual(blockingLines(engine.analyzeFile(file)), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a dependency in another file changes a cached unit\'s findings', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-units-'));
  try {
    writeFileSync(path.join(root, 'tsconfig.json'), readFileSync(path.join(repoRoot, 'test/fixtures/tsconfig.json')));
    const helper = path.join(root, 'helper.ts');
    const main = path.join(root, 'main.ts');
    const helperText = "import * as fs from 'node:fs';\nexport function read(): string {\n  return 'x';\n}\n";
    writeFileSync(helper, helperText);
    writeFileSync(main, "import { read } from './helper';\nexport async function a(): Promise<string> {\n  return read();\n}\nexport async function b(): Promise<number> {\n  return 1;\n}\n");
    const engine = createEngine({ root });
    assert.deepEqual(engine.analyzeFile(main).findings.map((f) => f.ruleId), []);
    engine.host.setOverlay(helper, helperText.replace("'x'", "fs.readFileSync('/x', 'utf8')"));
    // One blocking root, one finding (issue 9): the finding is at the helper's blocking call.
    assert.deepEqual(engine.analyzeFile(helper).findings.map((f) => f.ruleId), ['blocking-call']);
    assert.deepEqual(engine.analyzeFile(main).findings.map((f) => f.ruleId), []);
    // The callers' file changes: the helper's cached units must not hide the change.
    writeFileSync(main, "import { read } from './helper';\nexport async function a(): Promise<string> {\n  return '';\n}\nexport async function b(): Promise<number> {\n  return 1;\n}\n");
    engine.host.setOverlay(main, readFileSync(main, 'utf8'));
    assert.deepEqual(engine.analyzeFile(helper).findings.map((f) => f.ruleId), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

const SNIPPETS = [
  '\n', ' ', 'await ', ';', '(', ')', '{', '}', "'", '`', 'x', '.then(() => 1)', 'fs.readFileSync("/x")', 'Promise.resolve(1);\n',
  'void this.refresh([]);\n', 'new Promise(() => {});\n', 'for (const x of [1, 2]) await Promise.resolve(x);\n', 'return ',
  '// loopguard-ignore-next-line\n', 'async function g(): Promise<void> {}\n', 'function h() { return 1; }\n',
];

test('after random edits, cached results equal an uncached engine\'s and a fresh engine\'s', () => {
  const workspace = makeFuzzWorkspace();
  try {
    const random = mulberry32(20261125);
    const int = (n) => Math.floor(random() * n);
    const pick = (list) => list[int(list.length)];
    const files = workspace.files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
    const cached = createEngine({ root: workspace.root });
    const referenceEngine = createEngine({ root: workspace.root });
    const reference = uncached(referenceEngine);
    const texts = new Map();
    const stepsPerFile = 10;
    const chosen = [...new Set(Array.from({ length: 3 }, () => pick(files)).concat(files.filter((file) => file.endsWith(path.join('service', 'src', 'orders.ts')))))];
    let reused = 0;
    for (const file of chosen) {
      let text = texts.get(file) ?? readFileSync(file, 'utf8');
      cached.analyzeFile(file);
      for (let step = 0; step < stepsPerFile; step++) {
        // Mostly at the start of a line holding an `await` (inside an async body, where the cache is
        // used), sometimes anywhere; sometimes a deletion.
        const lineStarts = [...text.matchAll(/^.*\bawait\b/gm)].map((match) => match.index);
        const at = lineStarts.length && random() < 0.7 ? pick(lineStarts) : int(text.length + 1);
        text = random() < 0.2 ? text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + int(8))) : text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
        texts.set(file, text);
        cached.host.setOverlay(file, text);
        referenceEngine.host.setOverlay(file, text);
        const before = cached.stats.unitsReused;
        const got = cached.analyzeFile(file);
        reused += cached.stats.unitsReused - before;
        assert.equal(comparable(got), comparable(reference(file)), `${path.relative(workspace.root, file)} after edit ${step + 1} (uncached engine)`);
      }
      const fresh = createEngine({ root: workspace.root });
      for (const [name, value] of texts) fresh.host.setOverlay(name, value);
      assert.equal(comparable(cached.analyzeFile(file)), comparable(fresh.analyzeFile(file)), `${path.relative(workspace.root, file)}: fresh engine`);
    }
    assert.ok(reused > 0, 'the edits exercised the cache');
  } finally {
    workspace.dispose();
  }
});

test('a method body another unit looks into (a JSX handler) invalidates that unit, also when the edit is undone', () => {
  const file = path.join(repoRoot, 'test/fixtures/jsx/invalid.tsx');
  const settings = { jsxHandlers: 'whenUnguarded' };
  const engine = createEngine({ settings });
  const { applyEdits } = engineModule;
  const original = engine.analyzeFile(file);
  // 'onClick={this.handleClick}' is reported in render() because of the unguarded await in
  // handleClick(), another unit: guarding handleClick must clear it, and undoing that bring it back.
  const finding = original.findings.find((candidate) => candidate.message.includes("'this.handleClick'"));
  assert.ok(finding, 'the fixture reports the class handler');
  const fix = finding.fixes.find((candidate) => candidate.title === 'Catch and log errors inside the handler');
  const guarded = applyEdits(original.text, fix.edits);
  for (const text of [guarded, original.text, guarded, original.text]) {
    engine.host.setOverlay(file, text);
    const fresh = createEngine({ settings });
    fresh.host.setOverlay(file, text);
    assert.equal(comparable(engine.analyzeFile(file)), comparable(fresh.analyzeFile(file)));
  }
  assert.equal(comparable(engine.analyzeFile(file)), comparable(original));
});
