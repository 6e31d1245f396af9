#!/usr/bin/env node
// `npm run test:e2e`: installs what the editor suite needs (idempotent), packs
// the .vsix, runs the browser suite (code-server + Chromium), then the
// @vscode/test-electron suite (which says in one line when it cannot download
// VS Code, and exits 0).
//
//   node test/e2e/run.mjs [--no-package] [--selftest] [--docs-images] [--no-electron]
//     --no-package   use the existing loopguard-0.1.0.vsix (or $E2E_VSIX)
//     --selftest     also run the harness self-test (test/e2e/harness.selftest.mjs)
//     --docs-images  copy the screenshots of states 2, 4, 5 to docs/images/
//     --no-electron  skip the @vscode/test-electron suite
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = new Set(process.argv.slice(2));
const log = (m) => console.log(`[e2e] ${m}`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(name, cmd, argv, opts = {}) {
  const t0 = Date.now();
  log(`${name}: ${[cmd, ...argv].join(' ')}`);
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit', ...opts });
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.error) throw r.error;
  log(`${name}: exit ${r.status} after ${s}s`);
  return r.status ?? 1;
}

let status = step('setup', process.execPath, ['scripts/e2e-setup.mjs']);
if (status !== 0) process.exit(status);

if (!process.env.E2E_VSIX && !args.has('--no-package')) {
  status = step('package', npm, ['run', 'package', '--silent']);
  if (status !== 0) process.exit(status);
}
const vsix = process.env.E2E_VSIX || path.join(ROOT, 'loopguard-0.1.0.vsix');
if (!fs.existsSync(vsix)) {
  console.error(`[e2e] ${vsix} is missing (npm run package)`);
  process.exit(1);
}
if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
  console.error('[e2e] dist/cli.js is missing (npm run build): the suite takes its expectations from the CLI report');
  process.exit(1);
}

let electron = 0;
if (!args.has('--no-electron')) electron = step('electron suite', process.execPath, ['test/e2e/electron/run.mjs']);

const files = ['test/e2e/editor.e2e.mjs'];
if (args.has('--selftest')) files.unshift('test/e2e/harness.selftest.mjs');
fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
const tap = path.join(ROOT, 'test-results', 'e2e.tap');
const t0 = Date.now();
status = step(
  'browser suite',
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { env: { ...process.env, E2E_VSIX: vsix } },
);

if (status === 0 && args.has('--docs-images')) {
  const out = path.join(ROOT, 'docs', 'images');
  fs.mkdirSync(out, { recursive: true });
  for (const name of ['squiggles', 'quick-fix', 'concept-page']) {
    fs.copyFileSync(path.join(ROOT, 'test-results', `${name}.png`), path.join(out, `${name}.png`));
    log(`docs/images/${name}.png updated`);
  }
}

const count = (k) => Number((fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '').match(new RegExp(`^# ${k} (\\d+)$`, 'm'))?.[1] ?? 0);
log(`browser suite took ${((Date.now() - t0) / 1000).toFixed(0)}s; screenshots in test-results/`);
console.log(`e2e: ${count('pass')} passed, ${count('fail') + count('cancelled')} failed`);
process.exit(status !== 0 ? status : electron);
