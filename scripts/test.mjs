// Runs every test with Node's built-in runner. Node 20 has no glob support in `node --test`, so
// the files are listed here.
// `npm run test:e2e` runs the editor suite (.ci/run calls both): it installs code-server and Chromium first.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const files = readdirSync(path.join(root, 'test'), { recursive: true })
  .map((name) => name.split(path.sep).join('/'))
  .filter((name) => name.endsWith('.test.mjs') && !name.startsWith('e2e/') && !name.includes('fixtures/'))
  .sort()
  .map((name) => path.join('test', name));
const extra = process.argv.slice(2);
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...extra, ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
