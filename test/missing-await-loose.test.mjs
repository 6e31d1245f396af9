// missing-await on a project with strictNullChecks off (test/fixtures/rules/missing-await/loose-nulls,
// its own tsconfig.json): the checker erases `| null` there, so promise-or-null fields used as
// "in progress" flags must be read from their declarations. Same conventions as rules.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createEngine, describeFinding, findingsOf, fixturesRoot, parseExpectations, readText } from './helpers/engine.mjs';

const RULE = 'missing-await';
const engine = createEngine();
const folder = path.join(fixturesRoot, 'rules', RULE, 'loose-nulls');

test('loose-nulls: the fixture project really has strictNullChecks off', () => {
  const file = path.join(folder, 'valid.ts');
  const probe = `${readText(file)}\nexport const probe: Promise<void> = null;\n`;
  engine.host.setOverlay(file, probe);
  try {
    assert.deepEqual(engine.compilerDiagnostics(file).semantic, [], 'null is assignable to a promise only without strictNullChecks');
  } finally {
    engine.host.setOverlay(file, readText(file));
  }
});

for (const extension of ['ts', 'js']) {
  test(`loose-nulls: invalid.${extension} reports exactly the marked findings`, () => {
    const file = path.join(folder, `invalid.${extension}`);
    const expected = parseExpectations(readText(file)).filter((item) => item.ruleId === RULE);
    assert.ok(expected.length >= 3);
    const actual = findingsOf(engine.analyzeFile(file), RULE);
    const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;
    assert.deepEqual(
      { missing: expected.filter((item) => !actual.some((finding) => key(finding) === key(item))).map(key), unexpected: actual.filter((finding) => !expected.some((item) => key(finding) === key(item))).map(describeFinding) },
      { missing: [], unexpected: [] },
    );
  });

  test(`loose-nulls: valid.${extension} stays silent`, () => {
    const file = path.join(folder, `valid.${extension}`);
    assert.deepEqual(findingsOf(engine.analyzeFile(file), RULE).map(describeFinding), []);
  });
}
