// Regression guards for the per-unit findings cache (engine.ts, unitShapes.ts), by kind of edit
// (issue 12): they count the units the rules walk again after one edit (engine.stats), never time.
// On a generated class of 100 members shaped like a query builder (committed here as a generator),
// and, when the shared typeorm corpus is present (../shared/corpora/typeorm), on its real files,
// where random edits of every kind must also give cached == uncached == fresh engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { comparableFindings as comparable, createEngine, repoRoot } from './helpers/engine.mjs';
import { EDIT_KINDS } from './helpers/editKinds.mjs';
import { mulberry32 } from './robustness/fuzzer.mjs';


/**
 * A query builder of 100 members: fields, fluent sync methods returning `this`, sync methods
 * building strings from each other, async methods running the query; each calls one or two others.
 */
function builderSource() {
  const lines = [
    "import { readFile } from 'node:fs/promises';",
    "import type { Options } from './options.js';",
    "import { quote } from './options.js';",
    '',
    'export class QueryBuilder<T> {',
    '  private parts: string[] = [];',
    '  private params: Record<string, unknown> = {};',
    '  private cache = new Map<string, Promise<T[]>>();',
    '  constructor(private readonly options: Options) {}',
    '',
  ];
  // The first sync method is called by one other method only (below), the first async one by none.
  lines.push('  describe(): string {', "    return this.parts.join(' ');", '  }', '');
  for (let i = 0; i < 40; i++) {
    lines.push(`  where${i}(column: string, value: unknown): this {`, `    this.parts.push(quote(column) + ' = :p${i}');`, `    this.params.p${i} = value;`, '    return this;', '  }', '');
  }
  for (let i = 0; i < 30; i++) {
    const uses = i === 0 ? 'this.describe()' : `this.part${i - 1}()`;
    lines.push(`  part${i}(): string {`, `    const inner = ${uses};`, `    return inner + ' ' + this.parts[${i}];`, '  }', '');
  }
  for (let i = 0; i < 25; i++) {
    lines.push(
      `  async fetch${i}(): Promise<T[]> {`,
      `    const key = this.part${i}();`,
      '    const cached = this.cache.get(key);',
      '    if (cached) return cached;',
      `    const text = await readFile(this.options.path + ${i}, 'utf8');`,
      '    return JSON.parse(text) as T[];',
      '  }',
      '',
    );
  }
  // Findings to keep: a floating promise, and one after the edits' places.
  lines.push('  refresh(): void {', '    this.fetch24();', '  }', '}', '');
  return lines.join('\n');
}

const OPTIONS = "export interface Options {\n  path: string;\n}\n\nexport function quote(name: string): string {\n  return '\"' + name + '\"';\n}\n";

/** Most units each kind of edit may walk again on the generated builder (it holds 106 units). */
const BUDGETS = {
  'async body': 1, // the edited method (no other unit calls it)
  'sync body': 2, // the edited method and the one method calling it
  'new class member': 1, // the new member: no unit names it, reads the class as a whole or depends on its name
  'import line': 1, // the import: the users of its other names see the same binding
  'end of file': 1, // the new statement
  'comment in class': 2, // the member the comment is in front of (and its caller, which read its text)
  'whitespace at end': 0,
};

test('each kind of edit in a class of 100 members walks at most its budget of units again; cached == fresh', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-kinds-'));
  try {
    writeFileSync(path.join(root, 'tsconfig.json'), readFileSync(path.join(repoRoot, 'test/fixtures/tsconfig.json')));
    writeFileSync(path.join(root, 'options.ts'), OPTIONS);
    const file = path.join(root, 'builder.ts');
    const base = builderSource();
    writeFileSync(file, base);
    const engine = createEngine({ root });
    const first = engine.analyzeFile(file);
    assert.ok(engine.stats.unitsAnalysed >= 100, `the builder has 100 members (${engine.stats.unitsAnalysed} units)`);
    assert.ok(first.findings.some((finding) => finding.ruleId === 'floating-promise'), 'the builder has a finding');
    for (const kind of EDIT_KINDS) {
      engine.host.setOverlay(file, base);
      engine.analyzeFile(file);
      const text = kind.edit(base, 1);
      engine.host.setOverlay(file, text);
      const before = { ...engine.stats };
      const got = engine.analyzeFile(file);
      const analysed = engine.stats.unitsAnalysed - before.unitsAnalysed;
      assert.ok(analysed <= BUDGETS[kind.name], `${kind.name}: ${analysed} units analysed again (budget ${BUDGETS[kind.name]})`);
      assert.ok(engine.stats.unitsReused - before.unitsReused >= 100, `${kind.name}: the other units come from the cache`);
      const fresh = createEngine({ root });
      fresh.host.setOverlay(file, text);
      assert.equal(comparable(got), comparable(fresh.analyzeFile(file)), `${kind.name}: cached == fresh`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- typeorm (real code), when present

const CORPUS = process.env.LOOPGUARD_TYPEORM ?? path.resolve(repoRoot, '../shared/corpora/typeorm');
const corpusMissing = existsSync(path.join(CORPUS, 'src/query-builder/SelectQueryBuilder.ts'))
  ? false
  : `typeorm corpus not found at ${CORPUS} (set LOOPGUARD_TYPEORM to a copy of ../shared/corpora/typeorm)`;

/** A scratch copy of the corpus's src/ (never edited in place) with a tsconfig that needs no installed packages. */
function copyCorpus() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-typeorm-'));
  cpSync(path.join(CORPUS, 'src'), path.join(root, 'src'), { recursive: true });
  const { compilerOptions } = JSON.parse(readFileSync(path.join(CORPUS, 'tsconfig.json'), 'utf8'));
  writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions, target: 'ES2022', lib: ['ES2022'], types: [], strict: true, noEmit: true }, include: ['src'] }),
  );
  return root;
}

const SNIPPETS = [
  '\n', ' ', '// note\n', '/* c */', 'await ', ';', 'x', '.then(() => 1)', 'Promise.resolve(1);\n', 'return ', '(', '}',
  'const probe = await Promise.resolve(1);\n', 'void this.getQuery();\n', 'private probe(): number { return 1 }\n',
];

test('typeorm: every kind of edit and random edits give cached == uncached == fresh engine, within the budgets', { skip: corpusMissing }, (t) => {
  const root = copyCorpus();
  try {
    const select = path.join(root, 'src/query-builder/SelectQueryBuilder.ts');
    const repository = path.join(root, 'src/repository/Repository.ts');
    const cached = createEngine({ root });
    const referenceEngine = createEngine({ root });
    const reference = (file) => {
      referenceEngine.updateSettings(referenceEngine.getSettings()); // empties its unit caches
      return referenceEngine.analyzeFile(file);
    };
    const texts = new Map();
    const set = (file, text) => {
      texts.set(file, text);
      cached.host.setOverlay(file, text);
      referenceEngine.host.setOverlay(file, text);
    };
    const counts = {};
    // Every kind of edit on the largest file, from its text as shipped, one after the other.
    const base = readFileSync(select, 'utf8');
    cached.analyzeFile(select);
    for (const kind of EDIT_KINDS) {
      set(select, base);
      cached.analyzeFile(select);
      set(select, kind.edit(base, 1));
      const before = cached.stats.unitsAnalysed;
      const got = cached.analyzeFile(select);
      counts[kind.name] = cached.stats.unitsAnalysed - before;
      assert.equal(comparable(got), comparable(reference(select)), `SelectQueryBuilder.ts, ${kind.name}: cached == uncached`);
    }
    t.diagnostic(`SelectQueryBuilder.ts, units analysed per edit: ${JSON.stringify(counts)}`);
    // SelectQueryBuilder.ts, 202 units. The edited unit, and the units that read its text (callers);
    // a new member: the units that read the class as a whole (builder methods returning `this`).
    assert.ok(counts['async body'] <= 2, `async body: ${counts['async body']}`);
    assert.ok(counts['sync body'] <= 6, `sync body: ${counts['sync body']}`);
    assert.ok(counts['comment in class'] <= 6, `comment in class: ${counts['comment in class']}`);
    assert.ok(counts['import line'] <= 1, `import line: ${counts['import line']}`);
    assert.ok(counts['end of file'] <= 1, `end of file: ${counts['end of file']}`);
    assert.equal(counts['whitespace at end'], 0, 'whitespace at end');
    assert.ok(counts['new class member'] < 202, `new class member: ${counts['new class member']} (not the whole file)`);
    // Random edits (insertions of code, comments and whitespace anywhere, deletions) on a smaller file.
    const random = mulberry32(20261202);
    const int = (n) => Math.floor(random() * n);
    let text = readFileSync(repository, 'utf8');
    cached.analyzeFile(repository);
    for (let step = 0; step < 12; step++) {
      const kind = step % 3 === 0 ? EDIT_KINDS[int(EDIT_KINDS.length)] : undefined;
      const at = int(text.length + 1);
      text = kind ? kind.edit(text, step) : random() < 0.25 ? text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + int(12))) : text.slice(0, at) + SNIPPETS[int(SNIPPETS.length)] + text.slice(at);
      set(repository, text);
      assert.equal(comparable(cached.analyzeFile(repository)), comparable(reference(repository)), `Repository.ts after edit ${step + 1}${kind ? ` (${kind.name})` : ''}: cached == uncached`);
    }
    const fresh = createEngine({ root });
    for (const [name, value] of texts) fresh.host.setOverlay(name, value);
    for (const file of [select, repository]) assert.equal(comparable(cached.analyzeFile(file)), comparable(fresh.analyzeFile(file)), `${path.basename(file)}: cached == fresh`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
