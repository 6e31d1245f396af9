// Adding a rule takes its file, a registry line and its cases: a throw-away rule in a scratch
// registry (test/helpers/scratchRule.mjs) gets its fix case checked by the same harness as the
// registered rules (test/helpers/fixCases.mjs), with no change to the harness. The generator half is
// in test/gen.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineModule, fixturesRoot, repoRoot } from './helpers/engine.mjs';
import { listFixCases, outputPath, runFixCase } from './helpers/fixCases.mjs';
import { scratchRule } from './helpers/scratchRule.mjs';

const CASE = [
  '// fix: Reject with an Error',
  'export function refuse(): Promise<never> {',
  "  return Promise.reject('no such user');",
  '  //                    ^^^^^^^^^^^^^^ promise-reject-non-error',
  '}',
  '',
].join('\n');

test('a scratch rule\'s fix case is found, applied, re-parsed, type-checked and compared by the shared harness', (t) => {
  // A scratch project with the fixtures' tsconfig and the repo's node_modules (for @types/node),
  // outside the fixtures so that no other test sees it.
  const project = mkdtempSync(path.join(os.tmpdir(), 'loopguard-scratch-rule-'));
  t.after(() => rmSync(project, { recursive: true, force: true }));
  copyFileSync(path.join(fixturesRoot, 'tsconfig.json'), path.join(project, 'tsconfig.json'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  const rulesDir = path.join(project, 'rules');
  const dir = path.join(rulesDir, scratchRule.id, 'fixes');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'reject-string.ts');
  writeFileSync(file, CASE);
  const registry = [...engineModule.RULES, scratchRule];

  const cases = listFixCases(scratchRule.id, rulesDir);
  assert.deepEqual(cases.map((fixCase) => fixCase.name), ['reject-string.ts']);
  const { problems, outputs } = runFixCase(cases[0], registry);
  assert.deepEqual(problems, []);
  assert.deepEqual([...outputs.keys()], [file]);
  assert.match(outputs.get(file), /return Promise\.reject\(new Error\('no such user'\)\);/);

  // The harness fails a case when the rule does not report what the carets mark (a new file: the
  // shared engine keeps the texts it has read).
  const brokenFile = path.join(dir, 'reject-number.ts');
  writeFileSync(brokenFile, CASE.replace("'no such user'", '404           '));
  const broken = runFixCase(listFixCases(scratchRule.id, rulesDir).find((fixCase) => fixCase.main === brokenFile), registry);
  assert.ok(broken.problems.some((problem) => problem.includes('marked but not reported')), broken.problems.join('\n'));
  assert.equal(outputPath(file), `${file}.out`);
});
