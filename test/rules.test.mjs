// Rule fixtures: test/fixtures/rules/<rule-id>/{invalid,valid}.{ts,js}, and {invalid,valid}.py for a
// Python rule (same folder when it shares its id with a TypeScript rule). Invalid files mark each
// expected finding with carets; valid files must stay silent for that rule. Each file holds at
// least 15 cases, each introduced by a `// valid:` or `// invalid:` comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { countCases, createEngine, describeFinding, engineModule, findingsOf, fixturesRoot, parseExpectations, readText, repoRoot } from './helpers/engine.mjs';

const MIN_CASES = 15;
await engineModule.preparePython();
const engine = createEngine();
const rulesDir = path.join(fixturesRoot, 'rules');
// The rule list is the registry's: a registered rule without fixtures fails below.
const ruleIds = engineModule.RULES.map((rule) => rule.id);
const pythonRuleIds = engineModule.PYTHON_RULES.map((rule) => rule.id);
const fixtureKinds = [...ruleIds.map((ruleId) => [ruleId, ['ts', 'js']]), ...pythonRuleIds.map((ruleId) => [ruleId, ['py']])];

test('every registered rule has its four fixture files, and every fixture folder is a registered rule', () => {
  const missing = fixtureKinds.flatMap(([ruleId, extensions]) =>
    extensions.flatMap((extension) => [`invalid.${extension}`, `valid.${extension}`]).map((name) => path.join('test/fixtures/rules', ruleId, name)).filter((file) => !existsSync(path.join(repoRoot, file))),
  );
  assert.deepEqual(missing, [], 'registered rules without fixture files');
  const folders = readdirSync(rulesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  assert.deepEqual(folders.filter((name) => !ruleIds.includes(name) && !pythonRuleIds.includes(name)), [], 'fixture folders of rules that are not registered');
});

for (const [ruleId, extensions] of fixtureKinds) {
  for (const extension of extensions) {
    const invalid = path.join(rulesDir, ruleId, `invalid.${extension}`);
    const valid = path.join(rulesDir, ruleId, `valid.${extension}`);

    test(`${ruleId}: invalid.${extension} reports exactly the marked findings`, () => {
      const text = readText(invalid);
      assert.ok(countCases(text, 'invalid') >= MIN_CASES, `expected at least ${MIN_CASES} '// invalid:' cases in ${invalid}`);
      const expected = parseExpectations(text).filter((expectation) => expectation.ruleId === ruleId);
      const actual = findingsOf(engine.analyzeFile(invalid), ruleId);
      const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;
      const missing = expected.filter((item) => !actual.some((finding) => key(finding) === key(item)));
      const unexpected = actual.filter((finding) => !expected.some((item) => key(finding) === key(item)));
      assert.deepEqual(
        { missing: missing.map(key), unexpected: unexpected.map(describeFinding) },
        { missing: [], unexpected: [] },
        `${invalid}: findings differ from the carets`,
      );
      for (const item of expected.filter((expectation) => expectation.message)) {
        const finding = actual.find((candidate) => key(candidate) === key(item));
        assert.ok(finding.message.includes(item.message), `${key(item)}: "${finding.message}" should contain "${item.message}"`);
      }
      for (const item of expected.filter((expectation) => expectation.severity)) {
        const finding = actual.find((candidate) => key(candidate) === key(item));
        assert.equal(finding.severity, item.severity, `${key(item)}: severity of "${finding.message}"`);
      }
    });

    test(`${ruleId}: valid.${extension} stays silent`, () => {
      const text = readText(valid);
      assert.ok(countCases(text, 'valid') >= MIN_CASES, `expected at least ${MIN_CASES} '// valid:' cases in ${valid}`);
      const actual = findingsOf(engine.analyzeFile(valid), ruleId);
      assert.deepEqual(actual.map(describeFinding), [], `${valid} should have no ${ruleId} findings`);
    });
  }
}

// One mistake, one finding: in test files floating-promise leaves unawaited async assertions to
// async-test-assertion, and takes them back when that rule is off.
let engineWithoutTestRule;
for (const extension of ['ts', 'js']) {
  const file = path.join(rulesDir, 'async-test-assertion', `invalid.${extension}`);
  const statementLine = (finding) => finding.line;

  test(`async-test-assertion invalid.${extension}: each unawaited assertion is reported once, not also as a floating promise`, () => {
    const findings = findingsOf(engine.analyzeFile(file));
    const assertionLines = new Set(findings.filter((finding) => finding.ruleId === 'async-test-assertion').map(statementLine));
    assert.ok(assertionLines.size >= 10, `expected the fixture's assertions to be found, got ${assertionLines.size}`);
    const doubled = findings.filter((finding) => finding.ruleId === 'floating-promise' && assertionLines.has(statementLine(finding)));
    assert.deepEqual(doubled.map(describeFinding), []);
  });

  test(`async-test-assertion invalid.${extension}: with that rule off, floating-promise reports the assertions`, () => {
    engineWithoutTestRule ??= createEngine({ settings: { rules: { 'async-test-assertion': 'off' } } });
    const assertionLines = new Set(findingsOf(engine.analyzeFile(file), 'async-test-assertion').map(statementLine));
    const floating = findingsOf(engineWithoutTestRule.analyzeFile(file), 'floating-promise').filter((finding) => assertionLines.has(statementLine(finding)));
    assert.ok(floating.length > 0, 'floating-promise should report the unawaited assertions when async-test-assertion is off');
  });
}

// False positives found on real code that need more than one file or a file name to show.
test('missing-await: a JS file that binds its own Promise (workerpool) is silent on members JSDoc gave to the global Promise', () => {
  const pool = path.join(rulesDir, 'missing-await', 'rebound-promise', 'pool.js');
  assert.deepEqual(findingsOf(engine.analyzeFile(pool), 'missing-await').map(describeFinding), []);
  const text = readText(pool);
  const withoutOwnPromise = text.replace("import { Promise } from './promise.js';", "import { Promise as OwnPromise } from './promise.js';").replace('return Promise.resolve', 'return OwnPromise.resolve');
  engine.host.setOverlay(pool, withoutOwnPromise);
  try {
    assert.equal(findingsOf(engine.analyzeFile(pool), 'missing-await').length, 1, 'without its own Promise the member call is reported');
  } finally {
    engine.host.setOverlay(pool, text);
  }
});

test('blocking-call: test files stay silent; the same code in a plain file is reported', () => {
  const testFile = path.join(rulesDir, 'blocking-call', 'in-tests', 'download.test.ts');
  assert.deepEqual(findingsOf(engine.analyzeFile(testFile), 'blocking-call').map(describeFinding), []);
  const plainFile = path.join(path.dirname(testFile), 'download.ts');
  engine.host.setOverlay(plainFile, readText(testFile).replace("import { test } from 'node:test';", "declare function test(name: string, body: () => Promise<void>): void;"));
  try {
    assert.equal(findingsOf(engine.analyzeFile(plainFile), 'blocking-call').length, 2);
  } finally {
    engine.host.removeOverlay(plainFile);
  }
});
