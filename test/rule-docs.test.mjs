// docs/rules/<id>.md are generated from the rule definitions; this fails when one is stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './helpers/engine.mjs';

test('docs/rules pages match the rule definitions', () => {
  const run = spawnSync(process.execPath, ['scripts/gen-rule-docs.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});
