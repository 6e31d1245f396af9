// `npm start`: the demo. Runs the CLI on the bundled sample services (samples/service in
// TypeScript, samples/py-service in Python) and explains its exit code instead of letting npm print
// a failure: the samples are seeded with mistakes on purpose.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SAMPLES = ['samples/service', 'samples/py-service'];
let worst = 0;
let seeded = false;
for (const [index, sample] of SAMPLES.entries()) {
  if (index > 0) console.log('');
  console.log(`$ loopguard ${sample}`);
  const run = spawnSync(process.execPath, ['dist/cli.js', sample, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  if (run.status === 1) seeded = true;
  else if (run.status !== 0) worst = run.status ?? 2;
}
if (worst !== 0) process.exit(worst);
if (seeded) {
  console.log(`\nloopguard exited with 1, as it would in CI: ${SAMPLES.join(' and ')} are seeded with these mistakes on purpose.`);
  console.log('Try it on your own project: node dist/cli.js <path> (or npx loopguard <path> once installed).');
}
process.exit(0);
