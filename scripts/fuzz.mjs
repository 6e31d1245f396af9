// Longer protocol fuzzing than `npm test` does: node scripts/fuzz.mjs [--seed N] [--runs N]
// [--steps N] [--minutes N]. Each run uses seed, seed+1, ...; a failure prints the seed and step
// that reproduce it (`node scripts/fuzz.mjs --seed <seed> --runs 1 --steps <steps>`). Exit 1 on failure.
import { parseArgs } from 'node:util';
import { fuzz } from '../test/robustness/fuzzer.mjs';

const { values } = parseArgs({
  options: { seed: { type: 'string' }, runs: { type: 'string' }, steps: { type: 'string' }, minutes: { type: 'string' } },
});
const firstSeed = Number(values.seed ?? Date.now() % 1_000_000);
const runs = Number(values.runs ?? 20);
const steps = Number(values.steps ?? 400);
const deadline = Date.now() + Number(values.minutes ?? 30) * 60_000;

let failures = 0;
let run = 0;
for (; run < runs && Date.now() < deadline; run++) {
  const seed = firstSeed + run;
  try {
    const figures = await fuzz({ seed, steps, timeBudgetMs: deadline - Date.now() });
    process.stdout.write(`ok   seed ${seed}: ${JSON.stringify(figures)}\n`);
  } catch (error) {
    failures++;
    process.stdout.write(`FAIL seed ${seed}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
process.stdout.write(`${run} runs from seed ${firstSeed}, ${failures} failed\n`);
process.exit(failures > 0 ? 1 : 0);
