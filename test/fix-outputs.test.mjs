// Fix outputs as data: every case under test/fixtures/rules/<rule-id>/fixes/ (the format is
// described in test/helpers/fixCases.mjs) is analysed with its settings; the marked findings, the
// fixes they offer and the applied fix's output must be exactly as written down. An applied fix
// must also parse, add no type error and remove its finding (the sweep's checks, shared).
// The rule ids come from the registry. After a deliberate change to a fix, rewrite the expected
// outputs with `npm run test:update-fixes` and review the diff it prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findingsOf, fixturesRoot, repoRoot } from './helpers/engine.mjs';
import { engineFor, listFixCases, outputPath, registeredRuleIds, runFixCase, strayOutputs } from './helpers/fixCases.mjs';

const UPDATE = 'run `npm run test:update-fixes` and review the diff';
let total = 0;

for (const ruleId of registeredRuleIds()) {
  const cases = listFixCases(ruleId);
  total += cases.length;
  for (const fixCase of cases) {
    test(`${ruleId} fix case ${fixCase.name}`, () => {
      const { problems, outputs } = runFixCase(fixCase);
      assert.deepEqual(problems, [], `${ruleId}/${fixCase.name}`);
      for (const [file, text] of outputs) {
        const out = outputPath(file);
        assert.ok(existsSync(out), `${path.relative(repoRoot, out)} is missing: ${UPDATE}`);
        assert.equal(text, readFileSync(out, 'utf8'), `${path.relative(repoRoot, file)}: the fix's output differs from ${path.basename(out)} (if the change is intended, ${UPDATE})`);
      }
      const unexpected = fixCase.files.map(outputPath).filter((out) => existsSync(out) && !outputs.has(out.slice(0, -'.out'.length)));
      assert.deepEqual(unexpected.map((out) => path.relative(repoRoot, out)), [], `outputs for files the case's fix does not change: ${UPDATE}`);
    });
  }

  test(`${ruleId}: no fix output without its case`, () => {
    assert.deepEqual(strayOutputs(ruleId).map((out) => path.relative(repoRoot, out)), []);
  });
}

// A rule that offers a fix on its own fixtures pins down what the fix writes: at least one case.
test('every registered rule that offers a fix on its fixtures has fix cases', () => {
  const engine = engineFor();
  const without = registeredRuleIds().filter((ruleId) => {
    if (listFixCases(ruleId).length > 0) return false;
    return ['ts', 'js'].some((extension) => {
      const file = path.join(fixturesRoot, 'rules', ruleId, `invalid.${extension}`);
      return existsSync(file) && findingsOf(engine.analyzeFile(file), ruleId).some((finding) => finding.fixes.some((fix) => !fix.title.startsWith('Ignore')));
    });
  });
  assert.deepEqual(without, [], 'rules offering fixes without cases under test/fixtures/rules/<id>/fixes/');
});

test('the fix cases ran', () => {
  assert.ok(total > 0, 'no fix case found under test/fixtures/rules/*/fixes/');
});
