// settings.checkThenables (test/fixtures/rules/floating-promise/thenables): off by default, as in
// typescript-eslint, so only native Promises are reported; on, any thenable is. The rule fixture
// runner uses default settings, so these files are checked here: the marked findings with the
// option, silence without it, and every fix offered (the fix sweep's checks, shared). The exact
// fix outputs and offered fixes with the option are data: floating-promise/fixes/thenable-*.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { applyFix, countCases, describeFinding, findingsOf, fixturesRoot, parseExpectations, readText } from './helpers/engine.mjs';
import { engineFor } from './helpers/fixCases.mjs';

const THENABLES = path.join(fixturesRoot, 'rules/floating-promise/thenables');
const engine = engineFor();
const thenablesEngine = engineFor({ checkThenables: true });
const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;

for (const extension of ['ts', 'js']) {
  const invalid = path.join(THENABLES, `invalid.${extension}`);
  const valid = path.join(THENABLES, `valid.${extension}`);

  test(`checkThenables: thenables/invalid.${extension} reports exactly the marked findings with the option, nothing without it`, () => {
    const text = readText(invalid);
    assert.ok(countCases(text, 'invalid') >= 2);
    const expected = parseExpectations(text).filter((expectation) => expectation.ruleId === 'floating-promise');
    const actual = findingsOf(thenablesEngine.analyzeFile(invalid), 'floating-promise');
    assert.deepEqual(actual.map(key), expected.map(key));
    assert.deepEqual(findingsOf(engine.analyzeFile(invalid), 'floating-promise').map(describeFinding), []);
  });

  test(`checkThenables: thenables/valid.${extension} stays silent with the option`, () => {
    assert.ok(countCases(readText(valid), 'valid') >= 2);
    assert.deepEqual(findingsOf(thenablesEngine.analyzeFile(valid), 'floating-promise').map(describeFinding), []);
  });

  test(`checkThenables: every fix offered on thenables/invalid.${extension} parses, type-checks and removes its finding`, () => {
    for (const finding of findingsOf(thenablesEngine.analyzeFile(invalid), 'floating-promise')) {
      for (const fix of finding.fixes.filter((candidate) => !candidate.title.startsWith('Ignore'))) {
        const result = applyFix(thenablesEngine, invalid, finding, fix);
        assert.deepEqual(result.problems, [], `${fix.title} at ${key(finding)}`);
        assert.ok(result.findingGone, `${fix.title} at ${key(finding)} should remove the finding`);
      }
    }
  });
}
