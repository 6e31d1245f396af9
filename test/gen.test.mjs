// Generated files (grammar, docs/rules, README tables, concept backlinks, package.json settings)
// must match what `npm run gen` writes from the registry and the settings table; and the generator
// must pick up a new rule or option from its definition alone (scratch registry below).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { engineModule, repoRoot } from './helpers/engine.mjs';
import { GRAMMAR_FILE, engineInputs, generate } from '../scripts/gen.mjs';

const read = (file) => readFileSync(path.join(repoRoot, file), 'utf8');

test('every generated file is up to date (npm run gen --check)', () => {
  const run = spawnSync(process.execPath, ['scripts/gen.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

// A throw-away rule with one option, declared only by its definition: the generator must place it in
// the grammar, a docs page, the README rule and settings tables, its concept pages and package.json.
const scratchRule = {
  id: 'promise-reject-non-error',
  concept: 'error-handling',
  defaultSeverity: 'warning',
  description: 'A promise rejected with a value that is not an Error, so the rejection carries no stack.',
  summary: 'a rejection with a value that is not an `Error` (scratch rule of test/gen.test.mjs)',
  concepts: {
    'error-handling': 'a rejection with a value that carries no stack (scratch).',
    'tasks-and-futures': 'a promise settled with something that is not an Error (scratch).',
  },
  background: { coroutines: 'rejections without stacks (scratch).' },
  messages: { nonError: "'{value}' is not an Error; reject with new Error(...)." },
  options: {
    allowRejectWithStrings: {
      schema: { type: 'boolean' },
      default: false,
      description: 'Also accept string reasons (scratch option).',
      summary: 'accept string reasons (scratch)',
    },
  },
  create: () => ({}),
};

test('a rule added to a scratch registry reaches every generated file', () => {
  const inputs = engineInputs();
  const rules = [...inputs.rules, scratchRule];
  const settingsTable = engineModule.settingsTable(rules);
  const outputs = new Map(
    generate({ ...inputs, rules, settingsTable, configurationProperties: engineModule.configurationProperties(settingsTable) }, read).map(
      ({ file, content }) => [file, content],
    ),
  );

  const grammar = JSON.parse(outputs.get(GRAMMAR_FILE));
  assert.match(grammar.repository['known-rule'].match, /\|promise-reject-non-error\)/);
  assert.ok(new RegExp(grammar.repository['known-rule'].match).test('promise-reject-non-error'));

  const page = outputs.get('docs/rules/promise-reject-non-error.md');
  assert.ok(page, 'no docs page for the new rule');
  assert.match(page, /^# `promise-reject-non-error`/);
  assert.match(page, /\[Error handling\]\(\.\.\/concepts\/error-handling\.md\); see also \[Tasks and futures: promises\]/);
  assert.match(page, /- '<value>' is not an Error/);
  assert.match(page, /`loopguard\.allowRejectWithStrings` \(default `false`\): Also accept string reasons/);

  const readme = outputs.get('README.md');
  assert.ok(
    readme.includes(
      '| `promise-reject-non-error` | warning | a rejection with a value that is not an `Error` (scratch rule of test/gen.test.mjs) | [error handling](docs/concepts/error-handling.md), [tasks and futures](docs/concepts/tasks-and-futures.md) |',
    ),
    'README rule table row',
  );
  assert.ok(readme.includes('| `loopguard.allowRejectWithStrings` | `false` | accept string reasons (scratch) |'), 'README settings row');

  const errorHandling = outputs.get('docs/concepts/error-handling.md');
  assert.ok(errorHandling.includes('- [`promise-reject-non-error`](../rules/promise-reject-non-error.md): a rejection with a value that carries no stack (scratch).'));
  const primaryFirst = errorHandling.indexOf('[`unhandled-rejection`]') < errorHandling.indexOf('[`floating-promise`]');
  assert.ok(primaryFirst, 'rules whose primary page this is come first');
  assert.ok(outputs.get('docs/concepts/tasks-and-futures.md').includes('[`promise-reject-non-error`](../rules/promise-reject-non-error.md): a promise settled'));
  assert.ok(outputs.get('docs/concepts/coroutines.md').includes('[`promise-reject-non-error`](../rules/promise-reject-non-error.md): rejections without stacks (scratch).'));
  assert.ok(outputs.get('docs/concepts/event-loop.md').includes('[`promise-reject-non-error`](../rules/promise-reject-non-error.md): a rejection with a value that carries no stack'), 'background pages fall back to the primary line');
  assert.ok(!outputs.get('docs/concepts/await.md').includes('promise-reject-non-error'));

  const manifest = JSON.parse(outputs.get('package.json'));
  assert.deepEqual(manifest.contributes.configuration.properties['loopguard.allowRejectWithStrings'], {
    scope: 'resource',
    type: 'boolean',
    default: false,
    description: 'Also accept string reasons (scratch option).',
  });

  // The option is validated and defaulted from the same entry.
  const ruleIds = rules.map((rule) => rule.id);
  const good = engineModule.normalizeSettings({ allowRejectWithStrings: true }, ruleIds, settingsTable);
  assert.deepEqual([good.settings.allowRejectWithStrings, good.problems], [true, []]);
  const bad = engineModule.normalizeSettings({ allowRejectWithStrings: 'yes' }, ruleIds, settingsTable);
  assert.deepEqual([bad.settings.allowRejectWithStrings, bad.problems], [false, ['loopguard.allowRejectWithStrings must be true or false; using the default.']]);

  // The real files stay as they are: the scratch rule is nowhere outside this test.
  assert.ok(!read('README.md').includes('promise-reject-non-error'));
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
