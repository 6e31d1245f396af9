// The fix-safety sweep: every fix offered on every fixture (rules, stored promises, transitive,
// JSX, protocol and CLI fixtures, valid files included, since they can hold other rules'
// findings) and on every sample file is applied on its own; the result must parse, add no type
// error in any file it edits, and remove the finding it targets. Then fix-all, as the server runs
// it, must reach a fixed point: after it has run, running it again changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { applyFix, compileProblems, describeFinding, engineModule, findingsOf, fixturesRoot, repoRoot } from './helpers/engine.mjs';
import { engineFor } from './helpers/fixCases.mjs';

const engine = engineFor();
const SOURCE = /\.[cm]?[jt]sx?$/;
const MAX_FIX_ALL_ROUNDS = 3;

function sourcesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((name) => SOURCE.test(name) && !name.endsWith('.d.ts') && !name.split(path.sep).includes('node_modules'))
    .map((name) => path.join(dir, name))
    .sort();
}

const files = [...sourcesUnder(fixturesRoot), ...sourcesUnder(path.join(repoRoot, 'samples/service/src'))];
const counts = { files: 0, skipped: 0, fixesApplied: 0, fixAllFiles: 0, fixAllRounds: 0, fixAllEdits: 0 };

/** Files that do not parse to begin with (the CLI's syntax-error fixture) cannot show that a fix keeps them parseable. */
function parsesCleanly(file) {
  return engine.compilerDiagnostics(file).syntactic.length === 0;
}

for (const file of files) {
  const relative = path.relative(repoRoot, file);
  test(`every fix on ${relative} is safe`, (t) => {
    if (!parsesCleanly(file)) {
      counts.skipped++;
      t.skip('does not parse before any fix');
      return;
    }
    counts.files++;
    const report = engine.analyzeFile(file);
    const unusedBefore = report.findings.filter((finding) => finding.ruleId === 'unused-suppression').length;
    for (const finding of findingsOf(report)) {
      for (const fix of finding.fixes) {
        const result = applyFix(engine, file, finding, fix);
        const where = `${relative} ${describeFinding(finding)} / "${fix.title}"`;
        assert.deepEqual(result.problems, [], `${where}\n${result.text}`);
        assert.ok(result.findingGone, `${where}: the finding is still there after the fix`);
        if (finding.ruleId !== 'unused-suppression') {
          assert.ok(result.unusedSuppressions <= unusedBefore, `${where}: the fix left an unused suppression`);
        }
        counts.fixesApplied++;
      }
    }
  });

  test(`fix-all on ${relative} reaches a fixed point`, (t) => {
    if (!parsesCleanly(file)) {
      t.skip('does not parse before any fix');
      return;
    }
    const { applyEdits, fixAllEdits } = engineModule;
    const original = engine.analyzeFile(file).text;
    const typeErrorsBefore = engine.compilerDiagnostics(file).semantic;
    let rounds = 0;
    try {
      for (;;) {
        const report = engine.analyzeFile(file);
        const edits = fixAllEdits(report.findings);
        if (edits.length === 0) break;
        rounds++;
        assert.ok(rounds <= MAX_FIX_ALL_ROUNDS, `${relative}: fix-all still changes the file after ${MAX_FIX_ALL_ROUNDS} runs`);
        engine.host.setOverlay(file, applyEdits(report.text, edits));
        counts.fixAllEdits += edits.length;
        const { syntaxErrors, newTypeErrors } = compileProblems(engine, file, typeErrorsBefore);
        assert.deepEqual(syntaxErrors, [], `${relative}: fix-all run ${rounds} broke the syntax`);
        assert.deepEqual(newTypeErrors, [], `${relative}: fix-all run ${rounds} added type errors`);
      }
      // The run after the last one that changed something found nothing to do: the fixed point.
      assert.deepEqual(fixAllEdits(engine.analyzeFile(file).findings), []);
    } finally {
      engine.host.setOverlay(file, original);
    }
    if (rounds > 0) counts.fixAllFiles++;
    counts.fixAllRounds += rounds;
  });
}

test('the sweep applied fixes and fix-all', (t) => {
  const summary = `fix sweep: ${counts.files} files (${counts.skipped} skipped), ${counts.fixesApplied} fixes applied one by one; fix-all changed ${counts.fixAllFiles} files in ${counts.fixAllRounds} rounds (${counts.fixAllEdits} edits), each then at a fixed point`;
  t.diagnostic(summary);
  assert.ok(counts.fixesApplied > 0, 'no fix was applied at all');
  assert.ok(counts.fixAllRounds > 0, 'fix-all never had anything to do');
});
