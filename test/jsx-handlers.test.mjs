// unhandled-rejection on JSX event handlers, in the three jsxHandlers modes, over
// test/fixtures/jsx/{invalid,valid}.{tsx,jsx}. Caret tags in the fixtures:
//   jsx-handler          reported with "whenUnguarded" (the default) and "always", as a warning
//   jsx-always           reported with "always" only (async handlers that handle their own errors)
//   jsx-info             async handlers in which nothing rejects: info with "whenUnguarded" (their
//                        promise is still dropped: issue 9's risk levels; the reference reports
//                        them), a warning with "always"
//   unhandled-rejection  reported in every mode (not JSX)
// Each file holds at least 8 cases. The try/catch fix is applied to every invalid finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { countCases, createEngine, describeFinding, findingsOf, fixturesRoot, parseExpectations, readText, tryFix } from './helpers/engine.mjs';

const RULE = 'unhandled-rejection';
const MIN_CASES = 8;
const dir = path.join(fixturesRoot, 'jsx');
const TAGS = {
  whenUnguarded: ['jsx-handler', 'jsx-info', RULE],
  always: ['jsx-handler', 'jsx-always', 'jsx-info', RULE],
  off: [RULE],
};
const engines = Object.fromEntries(Object.keys(TAGS).map((mode) => [mode, createEngine({ settings: { jsxHandlers: mode } })]));
const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;

for (const extension of ['tsx', 'jsx']) {
  for (const kind of ['invalid', 'valid']) {
    const file = path.join(dir, `${kind}.${extension}`);
    const text = readText(file);

    test(`${kind}.${extension} has at least ${MIN_CASES} cases and compiles`, () => {
      assert.ok(countCases(text, kind) >= MIN_CASES, `expected at least ${MIN_CASES} '// ${kind}:' cases in ${file}`);
      const diagnostics = engines.whenUnguarded.compilerDiagnostics(file);
      assert.deepEqual([...diagnostics.syntactic, ...(extension === 'tsx' ? diagnostics.semantic : [])], []);
    });

    for (const [mode, tags] of Object.entries(TAGS)) {
      test(`${kind}.${extension} with jsxHandlers "${mode}" reports exactly the ${tags.join('/')} carets`, () => {
        const expected = parseExpectations(text).filter((expectation) => tags.includes(expectation.ruleId));
        const actual = findingsOf(engines[mode].analyzeFile(file), RULE);
        const missing = expected.filter((item) => !actual.some((finding) => key(finding) === key(item)));
        const unexpected = actual.filter((finding) => !expected.some((item) => key(finding) === key(item)));
        assert.deepEqual({ missing: missing.map(key), unexpected: unexpected.map(describeFinding) }, { missing: [], unexpected: [] });
        if (mode === 'whenUnguarded') {
          for (const item of expected.filter((expectation) => expectation.ruleId !== RULE)) {
            const finding = actual.find((candidate) => key(candidate) === key(item));
            const severity = item.ruleId === 'jsx-info' ? 'info' : 'warning';
            assert.equal(finding.severity, severity, `${key(item)} (${item.ruleId}) should be ${severity}`);
          }
        }
        for (const item of expected.filter((expectation) => expectation.message && mode !== 'always')) {
          const finding = actual.find((candidate) => key(candidate) === key(item));
          assert.ok(finding.message.includes(item.message), `${key(item)}: "${finding.message}" should contain "${item.message}"`);
        }
      });
    }
  }

  test(`invalid.${extension}: the try/catch fix guards each async handler`, () => {
    const file = path.join(dir, `invalid.${extension}`);
    const engine = engines.whenUnguarded;
    let applied = 0;
    for (const finding of findingsOf(engine.analyzeFile(file), RULE)) {
      for (const fix of finding.fixes.filter((candidate) => candidate.title === 'Catch and log errors inside the handler')) {
        const result = tryFix(engine, file, finding, fix);
        const where = `${describeFinding(finding)} / "${fix.title}"`;
        assert.deepEqual(result.syntaxErrors, [], `${where}: syntax errors\n${result.text}`);
        assert.deepEqual(result.newTypeErrors, [], `${where}: new type errors\n${result.text}`);
        assert.ok(result.findingGone, `${where}: still reported after the fix\n${result.text}`);
        applied++;
      }
    }
    assert.ok(applied >= 6, `only ${applied} fixes applied`);
  });
}

test('the fix turns an expression body into a guarded block', () => {
  const file = path.join(dir, 'invalid.tsx');
  const engine = engines.whenUnguarded;
  const finding = findingsOf(engine.analyzeFile(file), RULE).find((candidate) => candidate.line === 23);
  const fix = finding.fixes.find((candidate) => candidate.title === 'Catch and log errors inside the handler');
  const result = tryFix(engine, file, finding, fix);
  assert.match(result.text.split('\n')[23], /onClick=\{async \(\) => \{ try \{ await saveUser\(user\); \} catch \(error\) \{ console\.error\(error\); \} \}\}/);
});

test('related locations point at the rejection points', () => {
  const file = path.join(dir, 'invalid.tsx');
  const finding = findingsOf(engines.whenUnguarded.analyzeFile(file), RULE).find((candidate) => candidate.message.includes("'handleSubmit'"));
  assert.ok(finding.related?.length >= 1, 'expected related locations');
  assert.match(finding.related[0].message, /await can reject/);
});
