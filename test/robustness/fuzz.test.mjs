// The protocol fuzzer with a fixed seed and a small budget, so `npm test` stays quick and any
// failure reproduces with `node scripts/fuzz.mjs --seed <seed> --steps <steps>`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from './fuzzer.mjs';

const SEED = Number(process.env.LOOPGUARD_FUZZ_SEED ?? 20240611);
const STEPS = Number(process.env.LOOPGUARD_FUZZ_STEPS ?? 120);

test(`protocol fuzz, seed ${SEED}, ${STEPS} steps: no crash, every request answered, final diagnostics match a fresh server`, { timeout: 600_000 }, async () => {
  const figures = await fuzz({ seed: SEED, steps: STEPS, timeBudgetMs: 240_000 });
  assert.ok(figures.steps > 0);
  assert.ok(figures.diagnostics + figures.codeActions > 0, JSON.stringify(figures));
});
