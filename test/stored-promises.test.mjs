// Stored promises (the floating-promise rule's flow check): test/fixtures/stored-promises/
// {invalid,valid}.{ts,js}. Invalid files mark each expected finding with carets; valid files must
// stay silent. Each file holds at least 15 cases. Also: exact fix outputs and settings.safePromises
// (every fix offered on these files is applied on its own by the sweep in test/fixes.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { countCases, createEngine, describeFinding, findingsOf, fixturesRoot, parseExpectations, readText } from './helpers/engine.mjs';

const MIN_CASES = 15;
const RULE = 'floating-promise';
const engine = createEngine();
const dir = path.join(fixturesRoot, 'stored-promises');
const stored = (finding) => finding.message.includes('Promise stored in');

for (const extension of ['ts', 'js']) {
  const invalid = path.join(dir, `invalid.${extension}`);
  const valid = path.join(dir, `valid.${extension}`);

  test(`stored promises: invalid.${extension} reports exactly the marked findings`, () => {
    const text = readText(invalid);
    assert.ok(countCases(text, 'invalid') >= MIN_CASES, `expected at least ${MIN_CASES} '// invalid:' cases in ${invalid}`);
    const expected = parseExpectations(text).filter((expectation) => expectation.ruleId === RULE);
    const actual = findingsOf(engine.analyzeFile(invalid), RULE);
    const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;
    const missing = expected.filter((item) => !actual.some((finding) => key(finding) === key(item)));
    const unexpected = actual.filter((finding) => !expected.some((item) => key(finding) === key(item)));
    assert.deepEqual({ missing: missing.map(key), unexpected: unexpected.map(describeFinding) }, { missing: [], unexpected: [] }, `${invalid}: findings differ from the carets`);
    for (const item of expected.filter((expectation) => expectation.message)) {
      const finding = actual.find((candidate) => key(candidate) === key(item));
      assert.ok(finding.message.includes(item.message), `${key(item)}: "${finding.message}" should contain "${item.message}"`);
    }
    assert.ok(actual.every(stored), 'every finding in these fixtures is a stored promise');
  });

  test(`stored promises: valid.${extension} stays silent`, () => {
    const text = readText(valid);
    assert.ok(countCases(text, 'valid') >= MIN_CASES, `expected at least ${MIN_CASES} '// valid:' cases in ${valid}`);
    const actual = findingsOf(engine.analyzeFile(valid), RULE);
    assert.deepEqual(actual.map(describeFinding), [], `${valid} should have no ${RULE} findings`);
  });
}

test('settings.safePromises: listed calls (by text or declaration) and types are not reported, others are', () => {
  const file = path.join(dir, 'safe.ts');
  const expected = parseExpectations(readText(file)).filter((expectation) => expectation.ruleId === RULE);
  const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;
  const safe = createEngine({ settings: { safePromises: ['logEvent', 'analytics.track', 'Metrics.flush', 'Thenable'] } });
  assert.deepEqual(findingsOf(safe.analyzeFile(file), RULE).map(key), expected.map(key));
  // Without the setting every promise in the file is reported: 9 statements and 4 stored.
  assert.equal(findingsOf(engine.analyzeFile(file), RULE).length, 13);
});
