// Generated files (grammar, docs/rules, README tables, concept backlinks, package.json settings)
// must match what `npm run gen` writes from the registry and the settings table; and the generator
// must pick up a new rule or option from its definition alone (scratch registry below).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, engineModule, findingsOf, describeFinding, repoRoot } from './helpers/engine.mjs';
import { GRAMMAR_FILE, engineInputs, generate } from '../scripts/gen.mjs';
import { scratchRule } from './helpers/scratchRule.mjs';

const read = (file) => readFileSync(path.join(repoRoot, file), 'utf8');

test('every generated file is up to date (npm run gen --check)', () => {
  const run = spawnSync(process.execPath, ['scripts/gen.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

// Each rule's docs examples say what they show: every `invalid` snippet gets at least one finding of
// the rule, every `valid` one none and compiles cleanly. Each snippet is its own file (named by
// `file`, default example.ts) in a scratch project with the fixtures' tsconfig and the repository's
// node_modules (for @types/node).
test('every docs example has the verdict its page gives it', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-docs-examples-'));
  try {
    writeFileSync(path.join(root, 'tsconfig.json'), readFileSync(path.join(repoRoot, 'test/fixtures/tsconfig.json')));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    const cases = [];
    for (const rule of engineModule.RULES) {
      assert.ok(rule.docs?.examples?.length > 0, `${rule.id}: no docs examples`);
      rule.docs.examples.forEach((example, index) => {
        for (const verdict of ['invalid', 'valid']) {
          const dir = path.join(root, `${rule.id}-${index + 1}-${verdict}`);
          mkdirSync(dir);
          const file = path.join(dir, example.file ?? 'example.ts');
          writeFileSync(file, example[verdict]);
          cases.push({ ruleId: rule.id, index, verdict, file });
        }
      });
    }
    const engine = createEngine({ root });
    for (const { ruleId, index, verdict, file } of cases) {
      const findings = findingsOf(engine.analyzeFile(file), ruleId);
      const label = `${ruleId} docs example ${index + 1}, ${verdict}`;
      if (verdict === 'invalid') assert.ok(findings.length > 0, `${label}: no ${ruleId} finding`);
      else {
        assert.deepEqual(findings.map(describeFinding), [], `${label}: reported`);
        const diagnostics = engine.compilerDiagnostics(file);
        assert.deepEqual([...diagnostics.syntactic, ...diagnostics.semantic], [], `${label}: does not compile`);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// A throw-away rule with one option, declared only by its definition (test/helpers/scratchRule.mjs): the
// generator must place it in the grammar, a docs page, the README rule and settings tables, its concept
// pages and package.json.
test('a rule added to a scratch registry reaches every generated file', () => {
  const inputs = engineInputs();
  const rules = [...inputs.rules, scratchRule];
  const settingsTable = engineModule.settingsTable(rules);
  const outputs = new Map(
    generate(
      {
        ...inputs,
        rules,
        settingsTable,
        configurationProperties: engineModule.configurationProperties(settingsTable),
        configSchema: { file: engineModule.CONFIG_SCHEMA_FILE, schema: engineModule.configSchema(rules, settingsTable) },
      },
      read,
    ).map(
      ({ file, content }) => [file, content],
    ),
  );

  const grammar = JSON.parse(outputs.get(GRAMMAR_FILE));
  assert.match(grammar.repository['known-rule'].match, /\|promise-reject-non-error[|)]/); // Python-only ids follow the TS ones
  assert.ok(new RegExp(grammar.repository['known-rule'].match).test('promise-reject-non-error'));

  const page = outputs.get('docs/rules/promise-reject-non-error.md');
  assert.ok(page, 'no docs page for the new rule');
  assert.match(page, /^# `promise-reject-non-error`/);
  assert.match(page, /\[Error handling\]\(\.\.\/concepts\/error-handling\.md\); see also \[Tasks and futures: promises\]/);
  assert.match(page, /- '<value>' is not an Error/);
  // Its docs, section by section, in order.
  const sections = [
    ['What it finds', 'scratch what'],
    ['Why it matters', 'scratch why'],
    ['Deliberately not reported', '- Values typed `any` (scratch not reported).'],
    ['Examples', "❌ Reported:\n\n```ts\nPromise.reject('nope');\n```\n\n✅ Not reported:\n\n```ts\nPromise.reject(new Error('nope'));\n```"],
    ['Options', '`allowRejectWithStrings`'],
    ['Messages', "'<value>' is not an Error"],
    ['Severity and risk', 'scratch severity'],
    ['Reference behaviour', 'scratch reference'],
    ['Suppressing', '// loopguard-ignore-next-line promise-reject-non-error'],
  ];
  let previous = -1;
  for (const [heading, text] of sections) {
    const at = page.indexOf(`\n## ${heading}\n`);
    assert.ok(at > previous, `section "${heading}" missing or out of order`);
    const end = page.indexOf('\n## ', at + 1);
    assert.ok(page.slice(at, end < 0 ? undefined : end).includes(text), `section "${heading}" lacks ${JSON.stringify(text)}`);
    previous = at;
  }
  assert.match(page, /Set in `loopguard\.json`[^\n]*"promise-reject-non-error": \["warning", \{ \.\.\. \}\]/);
  assert.match(page, /- `allowRejectWithStrings` \(default `false`\): Also accept string reasons/);

  const readme = outputs.get('README.md');
  assert.ok(
    readme.includes(
      '| `promise-reject-non-error` | warning | a rejection with a value that is not an `Error` (scratch rule of test/gen.test.mjs) | [error handling](docs/concepts/error-handling.md), [tasks and futures](docs/concepts/tasks-and-futures.md) |',
    ),
    'README rule table row',
  );
  assert.ok(readme.includes('| `allowRejectWithStrings` | `loopguard.json` | `false` | accept string reasons (scratch) |'), 'README settings row');

  const errorHandling = outputs.get('docs/concepts/error-handling.md');
  assert.ok(errorHandling.includes('- [`promise-reject-non-error`](../rules/promise-reject-non-error.md): a rejection with a value that carries no stack (scratch).'));
  const primaryFirst = errorHandling.indexOf('[`unhandled-rejection`]') < errorHandling.indexOf('[`floating-promise`]');
  assert.ok(primaryFirst, 'rules whose primary page this is come first');
  assert.ok(outputs.get('docs/concepts/tasks-and-futures.md').includes('[`promise-reject-non-error`](../rules/promise-reject-non-error.md): a promise settled'));
  assert.ok(outputs.get('docs/concepts/coroutines.md').includes('[`promise-reject-non-error`](../rules/promise-reject-non-error.md): rejections without stacks (scratch).'));
  assert.ok(outputs.get('docs/concepts/event-loop.md').includes('[`promise-reject-non-error`](../rules/promise-reject-non-error.md): a rejection with a value that carries no stack'), 'background pages fall back to the primary line');
  assert.ok(!outputs.get('docs/concepts/await.md').includes('promise-reject-non-error'));

  // A rule option lives in loopguard.json (so the editor and CI agree), not in VS Code's settings.
  const manifest = JSON.parse(outputs.get('package.json'));
  assert.equal(manifest.contributes.configuration.properties['loopguard.allowRejectWithStrings'], undefined);
  const schema = JSON.parse(outputs.get(engineModule.CONFIG_SCHEMA_FILE));
  assert.deepEqual(schema.properties.allowRejectWithStrings, { type: 'boolean', default: false, markdownDescription: '(promise-reject-non-error) Also accept string reasons (scratch option).' });
  assert.deepEqual(schema.properties.rules.properties['promise-reject-non-error'].anyOf[1].items[1].properties.allowRejectWithStrings.type, 'boolean');

  // The option is validated and defaulted from the same entry.
  const ruleIds = rules.map((rule) => rule.id);
  const good = engineModule.normalizeSettings({ allowRejectWithStrings: true }, ruleIds, settingsTable);
  assert.deepEqual([good.settings.allowRejectWithStrings, good.problems], [true, []]);
  const bad = engineModule.normalizeSettings({ allowRejectWithStrings: 'yes' }, ruleIds, settingsTable);
  assert.deepEqual([bad.settings.allowRejectWithStrings, bad.problems], [false, ['loopguard.allowRejectWithStrings must be true or false; using the default.']]);

  // The real files stay as they are: the scratch rule is nowhere outside this test.
  assert.ok(!read('README.md').includes('promise-reject-non-error'));
});

test('the generator refuses a rule without docs, or with docs missing what, why or examples', () => {
  const inputs = engineInputs();
  const { docs, ...undocumented } = scratchRule;
  assert.throws(() => generate({ ...inputs, rules: [...inputs.rules, undocumented] }, read), /promise-reject-non-error: no docs/);
  const thin = { ...scratchRule, docs: { ...docs, why: ' ', examples: [] } };
  assert.throws(() => generate({ ...inputs, rules: [...inputs.rules, thin] }, read), /docs\.why is empty[\s\S]*docs\.examples needs at least one/);
});

test('the generator refuses a rule whose concepts do not start with its primary concept, or name unknown pages', () => {
  const inputs = engineInputs();
  const broken = { ...scratchRule, concepts: { 'tasks-and-futures': 'x', 'no-such-page': 'y' } };
  assert.throws(() => generate({ ...inputs, rules: [...inputs.rules, broken] }, read), /must start with its primary concept "error-handling"[\s\S]*unknown concept page "no-such-page"/);
});

test('an option declared twice (two rules, or a rule and the engine) is refused', () => {
  const clash = { ...scratchRule, options: { exclude: scratchRule.options.allowRejectWithStrings } };
  assert.throws(() => engineModule.settingsTable([...engineModule.RULES, clash]), /loopguard\.exclude is declared twice/);
});
