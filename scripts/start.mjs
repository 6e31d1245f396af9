// `npm start`: the demo. Runs the CLI on the bundled sample service and explains its exit code
// instead of letting npm print a failure: the sample is seeded with mistakes on purpose.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = ['dist/cli.js', 'samples/service', ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
if (run.status === 1) {
  console.log('\nloopguard exited with 1, as it would in CI: samples/service is seeded with these mistakes on purpose.');
  console.log('Try it on your own project: node dist/cli.js <path> (or npx loopguard <path> once installed).');
  process.exit(0);
}
process.exit(run.status ?? 2);
