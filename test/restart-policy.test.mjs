// The client's crash-restart policy (client/src/restartPolicy.ts, pure TypeScript): bounded
// restarts with exponential back-off, counted within a time window. The editor suite kills the
// real server process and checks the recovery end to end (test/e2e/editor.e2e.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from './helpers/engine.mjs';

const { outputFiles } = buildSync({ entryPoints: [path.join(repoRoot, 'client/src/restartPolicy.ts')], bundle: true, format: 'esm', platform: 'node', write: false });
const { RestartPolicy } = await import(`data:text/javascript,${encodeURIComponent(outputFiles[0].text)}`);

test('restarts with doubling delays up to the limit, then gives up and says how to restart', () => {
  let now = 0;
  const policy = new RestartPolicy({ maxRestarts: 5, windowMs: 180_000, baseDelayMs: 500, maxDelayMs: 4000, now: () => now });
  const decisions = [];
  for (let i = 0; i < 6; i++) {
    decisions.push(policy.onCrash());
    now += 1000;
  }
  assert.deepEqual(decisions.map((d) => d.restart), [true, true, true, true, true, false]);
  assert.deepEqual(decisions.slice(0, 5).map((d) => d.delayMs), [500, 1000, 2000, 4000, 4000]);
  assert.match(decisions[0].message, /restarted after the server stopped unexpectedly \(1\/5\)/);
  assert.match(decisions[5].message, /not restarted \(run "Loop Guard: Restart Server"\)/);
});

test('crashes older than the window no longer count; a manual restart resets the count', () => {
  let now = 0;
  const policy = new RestartPolicy({ maxRestarts: 2, windowMs: 60_000, now: () => now });
  assert.equal(policy.onCrash().crashes, 1);
  now += 30_000;
  assert.equal(policy.onCrash().crashes, 2);
  now += 31_000; // the first crash left the window
  const third = policy.onCrash();
  assert.equal(third.restart, true);
  assert.equal(third.crashes, 2);
  assert.equal(policy.onCrash().restart, false);
  policy.reset();
  const afterReset = policy.onCrash();
  assert.equal(afterReset.restart, true);
  assert.equal(afterReset.crashes, 1);
  assert.equal(afterReset.delayMs, 500);
});
