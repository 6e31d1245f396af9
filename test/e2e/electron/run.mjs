// @vscode/test-electron runner: the same checks as the browser suite, asserted
// from inside the extension host (vscode.languages.getDiagnostics and
// vscode.executeCodeActionProvider) in a downloaded desktop VS Code.
//   node test/e2e/electron/run.mjs
// Where VS Code cannot be downloaded (no network but the npm registry), it
// prints one line saying so and exits 0; the browser suite (code-server) is
// the one that runs there.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');
const SAMPLES = path.join(ROOT, 'samples', 'service');

function load(name) {
  for (const base of [ROOT, path.join(ROOT, '.cache', 'e2e')]) {
    try {
      return createRequire(path.join(base, 'package.json'))(name);
    } catch {}
  }
  return null;
}

const testElectron = load('@vscode/test-electron');
if (!testElectron || !load('mocha')) {
  console.log('e2e/electron: skipped: @vscode/test-electron and mocha are not installed (devDependencies)');
  process.exit(0);
}

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode({
    version: process.env.E2E_VSCODE_VERSION || 'stable',
    timeout: 15_000,
    reporter: new testElectron.SilentReporter(),
  });
} catch (err) {
  const why = String(err?.message ?? err).split('\n')[0].slice(0, 160);
  console.log(`e2e/electron: skipped: VS Code cannot be downloaded here (${why})`);
  process.exit(0);
}

// The suite edits files: give it a copy of the sample under the repo (so
// TypeScript finds the repo's @types/node, as for samples/ itself).
const ws = fs.mkdtempSync(path.join(ROOT, '.cache', 'e2e', 'electron-ws-'));
fs.cpSync(SAMPLES, path.join(ws, 'service'), { recursive: true });
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-electron-'));
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'security.workspace.trust.enabled': false, 'typescript.validate.enable': false, 'javascript.validate.enable': false }),
);
try {
  await testElectron.runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ROOT, // package.json main = dist/client.js (npm run build first)
    extensionTestsPath: path.join(HERE, 'suite', 'index.cjs'),
    extensionTestsEnv: { LOOPGUARD_E2E_ROOT: ROOT },
    launchArgs: [path.join(ws, 'service'), '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`],
  });
} catch (err) {
  console.error(`e2e/electron: FAILED: ${err?.message ?? err}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(ws, { recursive: true, force: true });
  fs.rmSync(userData, { recursive: true, force: true });
}
