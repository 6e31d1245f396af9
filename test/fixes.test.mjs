// The fix-safety sweep: every fix offered on every invalid fixture and sample file is applied on
// its own; the result must parse, add no type error, and remove the finding it targets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createEngine, describeFinding, findingsOf, fixturesRoot, repoRoot, tryFix } from './helpers/engine.mjs';

const engine = createEngine();

function filesToSweep() {
  const files = [];
  const rulesDir = path.join(fixturesRoot, 'rules');
  for (const ruleId of readdirSync(rulesDir)) {
    for (const extension of ['ts', 'js']) {
      const file = path.join(rulesDir, ruleId, `invalid.${extension}`);
      if (existsSync(file)) files.push(file);
    }
  }
  const samples = path.join(repoRoot, 'samples/service/src');
  if (existsSync(samples)) {
    for (const name of readdirSync(samples, { recursive: true })) {
      if (/\.[jt]s$/.test(name)) files.push(path.join(samples, name));
    }
  }
  return files;
}

let applied = 0;
for (const file of filesToSweep()) {
  test(`every fix on ${path.relative(repoRoot, file)} is safe`, () => {
    const report = engine.analyzeFile(file);
    for (const finding of findingsOf(report)) {
      for (const fix of finding.fixes) {
        const result = tryFix(engine, file, finding, fix);
        const where = `${path.relative(repoRoot, file)} ${describeFinding(finding)} / "${fix.title}"`;
        assert.deepEqual(result.syntaxErrors, [], `${where}: syntax errors after the fix\n${result.text}`);
        assert.deepEqual(result.newTypeErrors, [], `${where}: new type errors after the fix`);
        assert.ok(result.findingGone, `${where}: the finding is still there after the fix`);
        assert.equal(result.unusedSuppressions, 0, `${where}: the fix left an unused suppression`);
        applied++;
      }
    }
  });
}

test('the sweep applied fixes', () => {
  assert.ok(applied > 0, 'no fix was applied at all');
});
