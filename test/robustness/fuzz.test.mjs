// The protocol fuzzer with a fixed seed and a small budget, so `npm test` stays quick and any
// failure reproduces with `node scripts/fuzz.mjs --seed <seed> --steps <steps>`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from './fuzzer.mjs';

const SEED = Number(process.env.LOOPGUARD_FUZZ_SEED ?? 20240611);
const STEPS = Number(process.env.LOOPGUARD_FUZZ_STEPS ?? 120);

test(`protocol fuzz, seed ${SEED}, ${STEPS} steps: no crash, every request answered, final diagnostics match a fresh server`, { timeout: 600_000 }, async (t) => {
  const figures = await fuzz({ seed: SEED, steps: STEPS, timeBudgetMs: 240_000 });
  // The figures for the closing note (a failure throws before this, naming seed and step).
  const requests = figures.diagnostics + figures.codeActions + figures.checkedFiles;
  t.diagnostic(
    `fuzz seed ${figures.seed}: ${figures.steps} steps (${figures.opens} opens, ${figures.changes} changes, ${figures.closes} closes), ` +
      `${requests} requests (${figures.diagnostics} diagnostics of which ${figures.cancelled} cancelled, ${figures.codeActions} code actions, ` +
      `${figures.checkedFiles} final files compared with a fresh server), ${figures.applied} fixes applied, ${figures.staleRefused} stale actions refused; ` +
      `0 crashes, 0 unanswered requests, ${figures.ms} ms`,
  );
  assert.ok(figures.steps > 0);
  assert.ok(figures.diagnostics + figures.codeActions > 0, JSON.stringify(figures));
});
