// The per-unit findings cache keeps a TypeScript file's cache across every edit and keys each unit
// on the outward shapes it depends on (server/src/engine/unitShapes.ts). These cases change only
// what another unit can observe of the edited one (a declared or inferred type, an import, the
// class shell, a new member, a type inferred from a constructor, an expando property): the unit
// that uses it must see the change, cached == fresh engine, and the other units stay cached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, repoRoot } from './helpers/engine.mjs';

const summary = (report) => report.findings.map((finding) => `${finding.ruleId}[${finding.severity}] ${report.text.slice(0, finding.start).split('\n').length}`);

function withProject(files, run) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-shapes-'));
  try {
    writeFileSync(path.join(root, 'tsconfig.json'), readFileSync(path.join(repoRoot, 'test/fixtures/tsconfig.json')));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
    run(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Analyses `before`, then `after` with the same engine; asserts cached == fresh for both; returns both summaries and the work done for `after`. */
function editAndCompare(root, file, before, after) {
  const engine = createEngine({ root });
  const check = (text) => {
    engine.host.setOverlay(file, text);
    const fresh = createEngine({ root });
    fresh.host.setOverlay(file, text);
    const got = summary(engine.analyzeFile(file));
    assert.deepEqual(got, summary(fresh.analyzeFile(file)), 'cached == fresh');
    return got;
  };
  const first = check(before);
  const stats = { ...engine.stats };
  const second = check(after);
  const work = { analysed: engine.stats.unitsAnalysed - stats.unitsAnalysed, reused: engine.stats.unitsReused - stats.unitsReused };
  // And back: the cache of `after` must give `before`'s findings again.
  assert.deepEqual(check(before), first, 'undoing the edit restores the findings');
  return { first, second, work };
}

/** Unrelated members that must stay cached: padding so that "the others are reused" means something. */
const PADDING = Array.from({ length: 6 }, (_, i) => `  pad${i}(): number {\n    return ${i};\n  }\n`).join('\n');

const CASES = [
  {
    title: 'a sync function whose inferred return type becomes a promise: its caller (naming it only) reports a floating promise',
    before: `function load() {\n  return 1;\n}\n\nexport class Service {\n${PADDING}\n  run(): void {\n    load();\n  }\n}\n`,
    edit: (text) => text.replace('  return 1;', '  return Promise.resolve(1);'),
  },
  {
    title: 'a method whose declared return type becomes a promise: the member calling it reports a floating promise',
    before: `export class Service {\n${PADDING}\n  load(): number {\n    return 1;\n  }\n\n  run(): void {\n    this.load();\n  }\n}\n`,
    edit: (text) => text.replace('  load(): number {\n    return 1;', '  load(): Promise<number> {\n    return Promise.resolve(1);'),
  },
  {
    title: 'an import line that binds the name to another function: the user of the name sees it',
    files: { 'helpers.ts': 'export function sync(): number {\n  return 1;\n}\nexport async function later(): Promise<number> {\n  return 1;\n}\n' },
    before: `import { sync as load } from './helpers.js';\n\nexport class Service {\n${PADDING}\n  run(): void {\n    load();\n  }\n}\n`,
    edit: (text) => text.replace('{ sync as load }', '{ later as load }'),
  },
  {
    title: "a class's heritage (its shell) changes the type of an inherited method: the members calling it see it",
    before: `class SyncBase {\n  load(): number {\n    return 1;\n  }\n}\n\nclass AsyncBase {\n  load(): Promise<number> {\n    return Promise.resolve(1);\n  }\n}\n\nexport class Service extends SyncBase {\n${PADDING}\n  run(): void {\n    this.load();\n  }\n}\n`,
    edit: (text) => text.replace('extends SyncBase', 'extends AsyncBase'),
    // The class's members all depend on its shell: only the two base classes stay cached.
    minReused: 2,
  },
  {
    title: 'a new `then` member makes the class thenable: a unit that reads the class as a whole (`return this` awaited) sees it',
    before: `export class Builder {\n${PADDING}\n  self(): this {\n    return this;\n  }\n\n  async run(): Promise<void> {\n    await this.self();\n  }\n}\n`,
    edit: (text) => text.replace('  self(): this {', '  then(resolve: (value: number) => void): void {\n    resolve(1);\n  }\n\n  self(): this {'),
  },
  {
    title: "a property typed by its constructor's assignment (noImplicitAny): the member using it sees the new type",
    before: `export class Service {\n  pending;\n\n  constructor() {\n    this.pending = () => 1;\n  }\n${PADDING}\n  run(): void {\n    this.pending();\n  }\n}\n`,
    edit: (text) => text.replace('this.pending = () => 1;', 'this.pending = async () => 1;'),
  },
  {
    title: 'an expando property of a function (a top-level assignment): the caller sees its type',
    before: `export function task(): void {}\ntask.run = (): number => 1;\n\nexport class Service {\n${PADDING}\n  go(): void {\n    task.run();\n  }\n}\n`,
    edit: (text) => text.replace('task.run = (): number => 1;', 'task.run = async (): Promise<number> => 1;'),
    // A top-level statement that declares no name may change any type (file-wide): nothing is reused.
    minReused: 0,
  },
  {
    title: 'a property whose initializer becomes a promise: a member testing it for truthiness sees it',
    before: `export class Service {\n  value = 1;\n${PADDING}\n  async run(): Promise<void> {\n    if (this.value) return;\n  }\n}\n`,
    edit: (text) => text.replace('value = 1;', 'value = Promise.resolve(1);'),
  },
  {
    title: 'a top-level constant whose initializer becomes a promise: a function testing it sees it',
    before: `const ready = true;\n\nexport async function run(): Promise<void> {\n  if (ready) return;\n}\n\nexport class Service {\n${PADDING}}\n`,
    edit: (text) => text.replace('const ready = true;', 'const ready = Promise.resolve(true);'),
  },
  {
    title: 'a type alias that becomes a promise: a function calling a value of that type sees it',
    before: `type Job = () => number;\n\ndeclare const job: Job;\n\nexport function run(): void {\n  job();\n}\n\nexport class Service {\n${PADDING}}\n`,
    edit: (text) => text.replace('type Job = () => number;', 'type Job = () => Promise<number>;'),
  },
  {
    // floating-promise asks whether every value assigned to `ready`, anywhere in the file, never
    // rejects (info) or may (warning): the unit asking depends on every unit that assigns it.
    // The assignment is new, in a unit that did not name `ready` before (so no recorded read covers it).
    title: 'a variable assigned a promise that may reject in another unit: the unit that drops it warns instead of info',
    before: `let ready: Promise<void> = Promise.resolve();\n\nexport function later(): void {\n  ready.then(() => undefined);\n}\n\nexport class Service {\n${PADDING}\n  reset(): void {\n    void 0;\n  }\n}\n`,
    edit: (text) => text.replace('    void 0;', "    ready = new Promise<void>((_, reject) => reject(new Error('reset')));"),
  },
];

for (const { title, files = {}, before, edit, minReused = 6 } of CASES) {
  test(title, () => {
    withProject({ ...files, 'service.ts': before }, (root) => {
      const file = path.join(root, 'service.ts');
      const { first, second, work } = editAndCompare(root, file, before, edit(before));
      assert.notDeepEqual(second, first, `the edit changes the findings (${JSON.stringify(first)} -> ${JSON.stringify(second)})`);
      assert.ok(work.reused >= minReused, `the padding members stay cached (${work.reused} reused, ${work.analysed} analysed)`);
    });
  });
}

test('a top-level expression statement without an assignment (`void x;`, a call) changes no shape: only it is analysed', () => {
  withProject({}, (root) => {
    const file = path.join(root, 'service.ts');
    const before = `export class Service {\n${PADDING}\n  run(): void {\n    Promise.resolve(1);\n  }\n}\nexport const probe = 1;\n`;
    for (const statement of ['void probe;\n', 'console.log(probe);\n']) {
      const { work } = editAndCompare(root, file, before, before + statement);
      assert.equal(work.analysed, 1, `${statement.trim()}: ${work.analysed} units analysed again`);
    }
    // An assignment may be an expando that types another unit: file-wide, nothing is reused.
    const { work } = editAndCompare(root, file, `export function task(): void {}\n${before}`, `export function task(): void {}\n${before}task.extra = 1;\n`);
    assert.equal(work.reused, 0, `an assignment statement re-keys every unit (${work.reused} reused)`);
  });
});

test('comments and whitespace change no shape: only the unit holding them is analysed again', () => {
  const before = `import { readFile } from 'node:fs/promises';\n\nexport class Service {\n${PADDING}\n  async load(): Promise<string> {\n    return readFile('/x', 'utf8');\n  }\n\n  run(): void {\n    this.load();\n  }\n}\n`;
  withProject({ 'service.ts': before }, (root) => {
    const file = path.join(root, 'service.ts');
    // A comment inside the signature line of load(), which run() calls: load's text changes (run()
    // read it, so it is walked again too), its shape does not.
    const { first, second, work } = editAndCompare(root, file, before, before.replace('async load(): Promise<string> {', 'async load(): Promise<string> /* the file */ {'));
    assert.deepEqual(second, first);
    assert.ok(work.analysed <= 2, `${work.analysed} units analysed again`);
    const spaces = editAndCompare(root, file, before, before.replace('  pad3(): number {', '  pad3()  :  number {'));
    assert.equal(spaces.work.analysed, 1, 'spaces in an unrelated signature: that member only');
  });
});

test('JavaScript: types come from code in any body (`this.x =` in a method), so any edit empties the file\'s cache', () => {
  const before = `export class Service {\n  init() {\n    this.job = () => 1;\n  }\n${PADDING.replace(/\(\): number/g, '()')}\n  run() {\n    this.job();\n  }\n}\n`;
  withProject({ 'service.js': before }, (root) => {
    const file = path.join(root, 'service.js');
    const { first, second, work } = editAndCompare(root, file, before, before.replace('this.job = () => 1;', 'this.job = async () => 1;'));
    assert.notDeepEqual(second, first, 'the floating promise is reported');
    assert.equal(work.reused, 0, 'nothing is reused in a JavaScript file after an edit');
  });
});
