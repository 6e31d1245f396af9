// Migrating from ESLint: `eslint-disable-next-line`, `eslint-disable-line` and `/* eslint-disable */`
// ... `/* eslint-enable */` comments that name an ESLint rule with an equivalent here silence that
// equivalent (ESLINT_EQUIVALENTS), and nothing else; they are never reported as unused. The
// README's table is checked against the mapping.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createEngine, engineModule, findingsOf, repoRoot } from './helpers/engine.mjs';

const { ESLINT_EQUIVALENTS } = engineModule;
const engine = createEngine();
// Not on disk: an overlay in the CLI fixture project, so that Node's types resolve.
const file = path.join(repoRoot, 'test/fixtures/cli/project/src/__eslint-migration.ts');

const HEADER = `import * as fs from 'node:fs';
declare function save(n: number): Promise<void>;
declare function isAdmin(): Promise<boolean>;
declare const items: number[];
declare const count: number;
`;
/** One finding per line, each of another rule; await-in-loop has no ESLint equivalent. */
const BODY = [
  ['fs.readFileSync(file);', 'blocking-call'],
  ['save(1);', 'floating-promise'],
  ["if (isAdmin()) console.log('admin');", 'missing-await'],
  ['await count;', 'await-non-promise'],
  ['items.forEach(async (n) => { await save(n); });', 'unhandled-rejection'],
  ['for (const n of items) await save(n);', 'await-in-loop'],
];
const ALL = BODY.map(([, rule]) => rule).sort();

/** A function whose every finding line gets `above` on the line before it and `after` at its end. */
function fn(name, { above, after } = {}) {
  const lines = BODY.flatMap(([code]) => [...(above ? [`  ${above}`] : []), `  ${code}${after ? ` ${after}` : ''}`]);
  return `export async function ${name}(file: string): Promise<void> {\n${lines.join('\n')}\n}\n`;
}

/** Rule ids reported (sorted), per function name when `byFunction`. */
function analyse(text) {
  engine.host.setOverlay(file, text);
  const report = engine.analyzeFile(file);
  const lines = text.split('\n');
  const functionAt = (line) => {
    for (let i = line; i >= 0; i--) {
      const match = /^export async function (\w+)/.exec(lines[i]);
      if (match) return match[1];
    }
    return '<top>';
  };
  const byFunction = {};
  for (const finding of findingsOf(report)) (byFunction[functionAt(finding.line)] ??= []).push(finding.ruleId);
  for (const list of Object.values(byFunction)) list.sort();
  return byFunction;
}

const without = (...rules) => ALL.filter((rule) => !rules.includes(rule));

test('control: without directives every line is reported', () => {
  assert.deepEqual(analyse(HEADER + fn('plain')), { plain: ALL });
});

describe('eslint-disable-next-line and eslint-disable-line silence the mapped rules, and only those', () => {
  for (const [eslintRule, ours] of Object.entries(ESLINT_EQUIVALENTS)) {
    test(`// eslint-disable-next-line ${eslintRule} -> ${ours.join(', ')}`, () => {
      assert.deepEqual(analyse(HEADER + fn('f', { above: `// eslint-disable-next-line ${eslintRule} -- kept from ESLint` })), { f: without(...ours) });
    });
    test(`// eslint-disable-line ${eslintRule} -> ${ours.join(', ')}`, () => {
      assert.deepEqual(analyse(HEADER + fn('f', { after: `// eslint-disable-line ${eslintRule}` })), { f: without(...ours) });
    });
  }

  test('several rules in one directive, block-comment form', () => {
    const above = '/* eslint-disable-next-line no-console, @typescript-eslint/no-floating-promises, n/no-sync */';
    assert.deepEqual(analyse(HEADER + fn('f', { above })), { f: without('floating-promise', 'blocking-call') });
  });

  test('a directive without rules silences every rule with an ESLint equivalent, not the others', () => {
    assert.deepEqual(analyse(HEADER + fn('f', { above: '// eslint-disable-next-line' })), { f: ['await-in-loop'] });
  });

  test('unrelated ESLint rules silence nothing, and no ESLint directive is reported as unused', () => {
    const text = HEADER + fn('f', { above: '// eslint-disable-next-line no-console, @typescript-eslint/no-explicit-any' }) +
      'export function g(): void {\n  // eslint-disable-next-line @typescript-eslint/no-floating-promises\n  console.log(1);\n}\n';
    assert.deepEqual(analyse(text), { f: ALL });
  });

  test('our own directive is the one used when both silence a finding (the ESLint one is left alone)', () => {
    const text = `${HEADER}export async function f(): Promise<void> {\n  // eslint-disable-next-line @typescript-eslint/no-floating-promises\n  // loopguard-ignore-next-line floating-promise -- by design\n  save(1);\n}\n`;
    assert.deepEqual(analyse(text), {});
  });
});

describe('/* eslint-disable */ ... /* eslint-enable */', () => {
  test('a named block ends at the matching eslint-enable', () => {
    const text = `${HEADER}/* eslint-disable @typescript-eslint/no-floating-promises, n/no-sync */\n${fn('inside')}/* eslint-enable @typescript-eslint/no-floating-promises, n/no-sync */\n${fn('after')}`;
    assert.deepEqual(analyse(text), { inside: without('floating-promise', 'blocking-call'), after: ALL });
  });

  test('without eslint-enable it runs to the end of the file', () => {
    assert.deepEqual(analyse(`${HEADER}${fn('before')}/* eslint-disable @typescript-eslint/await-thenable */\n${fn('inside')}`), { before: ALL, inside: without('await-non-promise') });
  });

  test('eslint-enable of one rule after a bare eslint-disable re-enables only that rule', () => {
    const text = `${HEADER}/* eslint-disable */\n${fn('all')}/* eslint-enable @typescript-eslint/no-floating-promises */\n${fn('some')}/* eslint-enable */\n${fn('none')}`;
    assert.deepEqual(analyse(text), { all: ['await-in-loop'], some: ['await-in-loop', 'floating-promise'], none: ALL });
  });

  test('a rule named by two ESLint rules stays silenced while either is disabled', () => {
    // no-misused-promises and return-await both map to missing-await.
    const text = `${HEADER}/* eslint-disable @typescript-eslint/no-misused-promises, @typescript-eslint/return-await */\n/* eslint-enable @typescript-eslint/return-await */\n${fn('f')}`;
    assert.deepEqual(analyse(text), { f: without('missing-await', 'unhandled-rejection') });
  });

  test('// eslint-disable as a line comment does nothing (as in ESLint)', () => {
    assert.deepEqual(analyse(`${HEADER}// eslint-disable @typescript-eslint/no-floating-promises\n${fn('f')}`), { f: ALL });
  });
});

test("the README's migration table lists exactly the mapping", () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('#### Migrating from ESLint');
  assert.ok(start >= 0, 'README has a "Migrating from ESLint" subsection');
  const next = readme.indexOf('\n#', start + 1);
  const section = readme.slice(start, next < 0 ? undefined : next);
  const rows = [...section.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map(([, eslintRule, ours]) => [eslintRule, [...ours.matchAll(/`([^`]+)`/g)].map((match) => match[1])]);
  assert.deepEqual(Object.fromEntries(rows), ESLINT_EQUIVALENTS);
});
