#!/usr/bin/env node
// Loop Guard benchmark: CLI cold runs, the editor loop through the real language server, and
// time to first diagnostics, against peers (ESLint + typescript-eslint, oxlint --type-aware,
// tsc --noEmit 7 and 6) on the same corpora. Writes bench/RESULTS.md.
//
//   node bench/run.mjs [--quick] [--runs N] [--corpora typeorm,rxjs,effect,gen-1000,gen-5000,gen-py-1000,asyncio] [--no-peers]
//                      [--edits N] [--real-edits N] [--eslint-edits N] [--no-build] [--dist DIR]
//                      [--measures cli,editor,scan] [--server-args "..."] [--out bench/RESULTS.md]
//                      [--render results.json]
//
// Corpora: real code (typeorm from the shared corpus, rxjs's and effect's published src/, see
// bench/real-corpora.mjs) and generated projects (gen-N, bench/generate.mjs). Default:
// typeorm,rxjs,effect,gen-1000,gen-py-1000,asyncio.
// Python (issue 13, bench/python.mjs): gen-py-N (bench/generate-python.mjs) and CPython's own
// asyncio package, the CLI against pyright (npm) and the edit loop on the 2,000-line module.
// On real code the editor loop (bench/editor-real.mjs) edits the two largest files and an
// ~800-line file at five kinds of position, --real-edits per kind (60; --quick 10), and a warm
// ESLint re-lints the largest file after the same edits (--eslint-edits per kind: 20; --quick 10).
// --quick: one run per measure, fewer edits, no peers on gen-1000.
// The run uses a private copy of the bundles (built from the working tree, or taken from --dist
// DIR), so that a rebuild of dist/ during the run cannot change what is measured.
// The raw figures go to bench/results.json; --render FILE rewrites RESULTS.md from such a file
// (with bench/analysis.md, the profiles and what would close the gaps) without measuring again.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUSY_FILE, HUB_FILE, generateProject } from './generate.mjs';
import { pct, realEditorRuns } from './editor-real.mjs';
import { EDIT_KINDS } from './real-edits.mjs';
import { prepareRealCorpus } from './real-corpora.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const corporaDir = path.join(here, 'corpora');
const peersDir = path.join(here, 'peers');
const peerModules = path.join(peersDir, 'node_modules');

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : fallback;
};
const quick = flag('quick');
const runs = Number(option('runs', quick ? '1' : '3'));
const edits = Number(option('edits', quick ? '100' : '200'));
const hubEdits = Math.max(20, Math.round(edits / 4));
const corpusNames = option('corpora', 'typeorm,rxjs,effect,gen-1000,gen-py-1000,asyncio').split(',');
const realEdits = Number(option('real-edits', quick ? '10' : '60'));
const eslintEdits = Number(option('eslint-edits', quick ? '10' : '20'));
// --py-edits N: edits per kind in the Python edit loop (cheap edits: more of them, for a real p95).
const pyEdits = Number(option('py-edits', quick ? '40' : '100'));
// --memory-edits N: the server's memory is read after this many edits (200, as issue 12 states).
const memoryEdits = Number(option('memory-edits', '200'));
const withPeers = !flag('no-peers');
// --measures cli,editor,scan: which measures to run (all by default); --scan-corpus NAME: where to measure Scan Workspace (gen-1000).
// --server-args "...": node options for the language server in the editor loop (e.g. --cpu-prof --cpu-prof-dir=DIR).
const serverArgs = option('server-args', '').split(' ').filter(Boolean);
const measures = new Set(option('measures', 'cli,editor,scan').split(','));
const outFile = path.resolve(option('out', path.join(here, 'RESULTS.md')));
const GENERATOR_VERSION = 3;

const log = (message) => process.stderr.write(`${message}\n`);
const started = Date.now();
const loadAtStart = os.loadavg().map((v) => v.toFixed(1)).join(', ');
const startedAt = new Date().toISOString();
let distDir = path.join(repo, 'dist');
/** bench/python.mjs, loaded when a Python corpus is measured or rendered. */
let python;

// ---------------------------------------------------------------- statistics
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const summary = (values) => (values.length ? { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length } : undefined);
const fmtS = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`);
const fmtMs = (ms) => (ms === undefined ? 'n/a' : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const fmtMb = (kb) => (kb === undefined ? 'n/a' : `${Math.round(kb / 1024)} MB`);
const spread = (s, fmt) => (s ? (s.n > 1 ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)}, n=${s.n})` : `${fmt(s.median)} (n=1)`) : 'n/a');
const ratio = (a, b) => (a === undefined || b === undefined || !b ? 'n/a' : `${(a / b).toFixed(2)}x`);

// ---------------------------------------------------------------- setup
function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  return result;
}

function ensureBuild() {
  let source = option('dist');
  if (source) source = path.resolve(source);
  else if (!(flag('no-build') && existsSync(path.join(repo, 'dist/server.js')))) {
    log('building dist/ ...');
    const result = sh(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('build failed');
  }
  source ??= path.join(repo, 'dist');
  // A private copy: other builds of dist/ during the run do not change what is measured.
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'loopguard-bench-')), 'dist');
  mkdirSync(copy);
  for (const name of ['server.js', 'cli.js', 'engine.js']) cpSync(path.join(source, name), path.join(copy, name));
  // The Python parser's WebAssembly, found beside the bundles.
  for (const name of ['web-tree-sitter.wasm', 'tree-sitter-python.wasm']) if (existsSync(path.join(source, name))) cpSync(path.join(source, name), path.join(copy, name));
  distDir = copy;
  log(`measuring the bundles copied from ${source} to ${copy}`);
}

function ensurePeers() {
  // Installed, and with every peer package.json names (a peer added since the last install: pyright).
  const wanted = Object.keys(JSON.parse(readFileSync(path.join(peersDir, 'package.json'), 'utf8')).dependencies);
  if (existsSync(path.join(peerModules, '.package-lock.json')) && wanted.every((name) => existsSync(path.join(peerModules, name, 'package.json')))) return true;
  log('installing bench peers (npm ci in bench/peers) ...');
  const result = sh('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peersDir, stdio: 'inherit' });
  return result.status === 0;
}

function ensureCorpus(name) {
  const root = path.join(corporaDir, name);
  const stamp = path.join(root, '.bench-stamp');
  const generated = /^gen-(\d+)$/.exec(name);
  const wanted = generated ? `gen ${GENERATOR_VERSION} ${generated[1]}` : `copy ${name} 2`;
  if (prepareRealCorpus(name, root, { repo, log })) return root;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return root;
  if (generated) {
    log(`generating ${name} ...`);
    generateProject(root, { files: Number(generated[1]) });
  } else if (name === 'rxjs') {
    // rxjs 7.8.2 publishes its TypeScript sources (src/**) and its tsconfig; we drop only
    // `incremental` (it would write a .tsbuildinfo) and list the sources explicitly.
    const source = path.join(peerModules, 'rxjs');
    if (!existsSync(path.join(source, 'src'))) throw new Error('rxjs sources missing: install bench peers');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(path.join(root, '.git'), { recursive: true });
    cpSync(path.join(source, 'src'), path.join(root, 'src'), { recursive: true, filter: (file) => !/tsconfig\.[^/]*\.json$|Rx\.global\.js$/.test(file) });
    const config = JSON.parse(readFileSync(path.join(source, 'tsconfig.json'), 'utf8'));
    delete config.compilerOptions.incremental;
    config.compilerOptions.skipLibCheck = true;
    // TypeScript 6 stops at rxjs's deprecated options (moduleResolution node10, baseUrl: TS5107,
    // TS5101) before checking anything: without this, tsc 6's time is that of a run that checks nothing.
    config.compilerOptions.ignoreDeprecations = '6.0';
    config.include = ['src/**/*.ts'];
    writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(config, null, 2));
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'rxjs-bench-copy', private: true, version: JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')).version }, null, 2));
  } else throw new Error(`unknown corpus ${name}`);
  writeFileSync(stamp, wanted);
  return root;
}

function countTsFiles(root) {
  const result = sh('find', [path.join(root, 'src'), '-name', '*.ts', '-not', '-name', '*.d.ts']);
  return result.stdout.split('\n').filter(Boolean).length;
}

function writeEslintConfig(root) {
  const req = (name) => pathToFileURL(path.join(peerModules, name)).href;
  const config = `// Written by bench/run.mjs: the rules closest to Loop Guard's, with type information.
import tseslint from ${JSON.stringify(req('typescript-eslint/dist/index.js'))};
import n from ${JSON.stringify(req('eslint-plugin-n/lib/index.js'))};
export default [
  {
    files: ['src/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: ${JSON.stringify(root)} },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, n },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      'n/no-sync': 'error',
    },
  },
];
`;
  writeFileSync(path.join(root, 'eslint.config.mjs'), config);
}

// ---------------------------------------------------------------- process measures
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command once; returns { wallMs, cpuMs, maxRssKb, status, stdout, stderr }. */
function measure(command, args, options) {
  const startedAt = process.hrtime.bigint();
  const result = TIME ? sh(TIME, ['-v', command, ...args], options) : sh(command, args, options);
  const wallMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  let cpuMs;
  let maxRssKb;
  let stderr = result.stderr ?? '';
  if (TIME) {
    const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
    const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    if (user && system) cpuMs = (Number(user[1]) + Number(system[1])) * 1000;
    if (rss) maxRssKb = Number(rss[1]);
    stderr = stderr.split('\tCommand being timed')[0];
  }
  return { wallMs, cpuMs, maxRssKb, status: result.status, stdout: result.stdout ?? '', stderr, error: result.error };
}

function measureRuns(label, count, command, args, options, accept = (r) => r.status === 0 || r.status === 1) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const result = measure(command, args, options);
    if (result.error || !accept(result)) {
      const why = result.error ? result.error.message : `exit ${result.status}: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ')}`;
      log(`  ${label}: could not run (${why})`);
      return { label, error: why };
    }
    samples.push(result);
    log(`  ${label} run ${i + 1}/${count}: wall ${fmtS(result.wallMs)}, cpu ${fmtS(result.cpuMs)}, rss ${fmtMb(result.maxRssKb)}`);
  }
  return {
    label,
    wall: summary(samples.map((s) => s.wallMs)),
    cpu: summary(samples.map((s) => s.cpuMs).filter((v) => v !== undefined)),
    rss: summary(samples.map((s) => s.maxRssKb).filter((v) => v !== undefined)),
    last: samples.at(-1),
  };
}

function countProblems(tool, result) {
  if (!result?.last) return undefined;
  const text = result.last.stdout;
  try {
    if (tool === 'loopguard') return JSON.parse(readFileSync(result.reportFile, 'utf8')).length;
    if (tool === 'eslint') return JSON.parse(text).reduce((sum, file) => sum + file.messages.length, 0);
    if (tool === 'oxlint') return text.split('\n').filter((line) => /\[(Error|Warning)\//.test(line)).length;
    if (tool.startsWith('tsc')) return text.split('\n').filter((line) => /error TS\d+/.test(line)).length;
  } catch {
    return undefined;
  }
  return undefined;
}

function cliRuns(name, root, count, peers) {
  const results = {};
  const reportFile = path.join(os.tmpdir(), `loopguard-bench-${name}.json`);
  log(`[${name}] CLI cold, whole project`);
  results.loopguard = measureRuns('loopguard CLI', count, process.execPath, [path.join(distDir, 'cli.js'), '--project', 'tsconfig.json', '--format', 'json', '--output', reportFile, 'src'], { cwd: root });
  results.loopguard.reportFile = reportFile;
  results.tsc7 = measureRuns('tsc 7 --noEmit', count, path.join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: root }, (r) => r.status === 0 || r.status === 1 || r.status === 2);
  if (peers) {
    results.tsc6 = measureRuns('tsc 6 --noEmit', Math.min(count, 2), process.execPath, [path.join(peerModules, 'typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], { cwd: root }, (r) => r.status === 0 || r.status === 1 || r.status === 2);
    results.oxlint = measureRuns(
      'oxlint --type-aware',
      count,
      process.execPath,
      [
        path.join(peerModules, 'oxlint/bin/oxlint'),
        '--type-aware',
        '--tsconfig',
        'tsconfig.json',
        '--node-plugin',
        '-A',
        'all',
        ...['typescript/no-floating-promises', 'typescript/no-misused-promises', 'typescript/await-thenable', 'typescript/return-await', 'node/no-sync'].flatMap((rule) => ['-D', rule]),
        '--format',
        'unix',
        'src',
      ],
      { cwd: root, env: { ...process.env, OXLINT_TSGOLINT_PATH: path.join(peerModules, '.bin/tsgolint') } },
    );
    // Last: typed ESLint is the slowest peer by far (minutes on the 5,000-file corpus).
    writeEslintConfig(root);
    // One run.
    results.eslint = measureRuns('ESLint + typescript-eslint', 1, process.execPath, [path.join(peerModules, 'eslint/bin/eslint.js'), '--format', 'json', 'src'], { cwd: root, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' } });
  }
  for (const [tool, result] of Object.entries(results)) if (result.last) result.problems = countProblems(tool, result);
  return results;
}

// ---------------------------------------------------------------- editor loop over LSP
async function editorRuns(name, root, count) {
  const { LspClient } = await import(pathToFileURL(path.join(repo, 'test/helpers/lspClient.mjs')).href);
  const busy = path.join(root, BUSY_FILE);
  const hub = path.join(root, HUB_FILE);
  const firstOpen = [];
  const firstSpawn = [];
  const editTimes = [];
  const hubTimes = [];
  const dependentTimes = [];
  let serverPeakKb;
  for (let run = 0; run < count; run++) {
    const spawnedAt = performance.now();
    const client = new LspClient({ workspace: root, serverArgs, server: path.join(distDir, 'server.js') });
    try {
      await client.initialize();
      const text = readFileSync(busy, 'utf8');
      const openedAt = performance.now();
      await client.open(busy, text);
      const first = await client.diagnostics(busy);
      const done = performance.now();
      firstOpen.push(done - openedAt);
      firstSpawn.push(done - spawnedAt);
      log(`  [${name}] cold server: first diagnostics ${fmtMs(done - openedAt)} after didOpen (${fmtMs(done - spawnedAt)} after spawn), ${first.length} diagnostics`);
      if (run > 0) continue;

      // 200 single-character edits: typing a line into an async method, character by character.
      const lines = text.split('\n');
      let line = lines.findIndex((l) => l.includes('await delay')) + 1;
      let character = 0;
      const typed = "    logger.info('refreshed', ids.length, this.cache.size);\n";
      for (let i = 0; i < edits; i++) {
        const ch = typed[i % typed.length];
        const t0 = performance.now();
        await client.edit(busy, { start: { line, character }, end: { line, character } }, ch);
        await client.diagnostics(busy);
        editTimes.push(performance.now() - t0);
        if (ch === '\n') {
          line++;
          character = 0;
        } else character++;
      }
      log(`  [${name}] busy-file edits: p50 ${fmtMs(percentile(editTimes, 50))}, p95 ${fmtMs(percentile(editTimes, 95))}`);

      // Edits in a file every service imports; after each, the edited file's and a dependent's diagnostics.
      const hubText = readFileSync(hub, 'utf8');
      await client.open(hub, hubText);
      await client.diagnostics(hub);
      let hubLine = hubText.split('\n').length - 1;
      let hubCharacter = 0;
      const hubTyped = 'export const LIMIT_X = 42;\n';
      for (let i = 0; i < hubEdits; i++) {
        const ch = hubTyped[i % hubTyped.length].replace('X', String(i));
        const t0 = performance.now();
        await client.edit(hub, { start: { line: hubLine, character: hubCharacter }, end: { line: hubLine, character: hubCharacter } }, ch);
        await client.diagnostics(hub);
        const t1 = performance.now();
        await client.diagnostics(busy);
        hubTimes.push(t1 - t0);
        dependentTimes.push(performance.now() - t1);
        if (ch === '\n') {
          hubLine++;
          hubCharacter = 0;
        } else hubCharacter += ch.length;
      }
      log(`  [${name}] hub-file edits: p50 ${fmtMs(percentile(hubTimes, 50))}, p95 ${fmtMs(percentile(hubTimes, 95))}; dependent p95 ${fmtMs(percentile(dependentTimes, 95))}`);
      try {
        const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
        serverPeakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
      } catch {
        serverPeakKb = undefined;
      }
    } finally {
      await client.stop();
    }
  }
  const pct = (values) => (values.length ? { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values), n: values.length } : undefined);
  return { firstOpen: summary(firstOpen), firstSpawn: summary(firstSpawn), busy: pct(editTimes), hub: pct(hubTimes), dependent: pct(dependentTimes), serverPeakKb };
}

/** bench/eslint-warm.mjs: one ESLint instance re-linting `file` after the same edits as the editor loop. */
function eslintWarm(name, root, file) {
  writeEslintConfig(root);
  log(`[${name}] warm ESLint (Node API, lintText) re-linting ${file} after the same edits (${eslintEdits} per kind)`);
  const result = sh(process.execPath, [path.join(here, 'eslint-warm.mjs'), '--root', root, '--file', file, '--edits', String(eslintEdits)], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = (result.stdout ?? '').trim().split('\n').reverse().find((text) => text.startsWith('{'));
  if (result.status !== 0 || !line) {
    const why = result.error?.message ?? `exit ${result.status}`;
    log(`  warm ESLint could not run (${why})`);
    return { file, error: why };
  }
  const raw = JSON.parse(line);
  const kinds = {};
  for (const [kind, { times, cpu }] of Object.entries(raw.kinds)) kinds[kind] = { ...pct(times), cpuPerEditMs: cpu.reduce((a, b) => a + b, 0) / cpu.length };
  for (const [kind, k] of Object.entries(kinds)) log(`  warm ESLint ${kind}: p50 ${fmtMs(k.p50)}, p95 ${fmtMs(k.p95)}`);
  return { file, firstMs: raw.firstMs, maxRssKb: raw.maxRssKb, kinds, editsPerKind: eslintEdits };
}

// ---------------------------------------------------------------- report
function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let load = os.loadavg().map((v) => v.toFixed(1)).join(', ');
  return { nproc: os.cpus().length, cpu, memoryGb: (os.totalmem() / 1024 ** 3).toFixed(1), node: process.version, load };
}

function table(headers, rows) {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function cliTable(results) {
  const tools = [
    ['loopguard', 'Loop Guard CLI (TypeScript 6.0.2 as bundled by ts-morph, own CompilerHost)'],
    ['tsc7', 'tsc --noEmit, TypeScript 7.0.2 (Go-native)'],
    ['tsc6', 'tsc --noEmit, TypeScript 6.0.3 (JS)'],
    ['eslint', 'ESLint 10 + typescript-eslint 8 (TS 6.0.3) + eslint-plugin-n'],
    ['oxlint', 'oxlint --type-aware (tsgolint, TS 7 Go)'],
  ];
  const ours = results.loopguard;
  const rows = tools
    .filter(([key]) => results[key])
    .map(([key, label]) => {
      const r = results[key];
      if (r.error) return [label, `could not run: ${r.error.replace(/\|/g, '/')}`, '', '', '', '', '', ''];
      const mine = key === 'loopguard';
      return [label, spread(r.wall, fmtS), spread(r.cpu, fmtS), fmtMb(r.rss?.median), mine ? '—' : ratio(ours.wall?.median, r.wall?.median), mine ? '—' : ratio(ours.cpu?.median, r.cpu?.median), mine ? '—' : ratio(ours.rss?.median, r.rss?.median), String(r.problems ?? 'n/a')];
    });
  return table(['tool', 'wall: median (min–max)', 'CPU user+sys: median (min–max)', 'peak RSS', 'ours/theirs wall', 'ours/theirs CPU', 'ours/theirs peak RSS', 'problems'], rows);
}

async function main() {
  const renderFrom = option('render');
  if (renderFrom) {
    const saved = JSON.parse(readFileSync(path.resolve(renderFrom), 'utf8'));
    if (Object.values(saved.all).some((entry) => entry.language === 'python')) python = await import('./python.mjs');
    const report = render(saved.all, saved.meta);
    writeFileSync(outFile, report);
    log(`wrote ${path.relative(process.cwd(), outFile)} from ${renderFrom}`);
    return;
  }
  ensureBuild();
  const peersReady = withPeers ? ensurePeers() : false;
  if (withPeers && !peersReady) log('bench peers could not be installed: peers are skipped');
  const all = {};
  const meta = {
    startedAt,
    loadAtStart,
    command: `node bench/run.mjs ${argv.join(' ')}`.trim(),
    quick,
    runs,
  };
  // Results are written after every corpus, so that a run cut short still leaves its figures.
  const save = (final) => {
    Object.assign(meta, { finishedAt: new Date().toISOString(), loadAtEnd: os.loadavg().map((v) => v.toFixed(1)).join(', '), durationMs: Date.now() - started, complete: final });
    writeFileSync(path.join(here, 'results.json'), `${JSON.stringify({ meta, all }, null, 2)}\n`);
    const report = render(all, meta);
    writeFileSync(outFile, report);
    return report;
  };
  for (const name of corpusNames) {
    if (/^gen-py-\d+$|^asyncio$/.test(name)) {
      python ??= await import('./python.mjs');
      try {
        all[name] = await python.runPythonCorpus(name, {
          corporaDir, repo, distDir, peerModules, peers: peersReady, runs, serverArgs, memoryEdits, measures, measureRuns, log,
          editsPerKind: pyEdits,
          save: (key, entry) => {
            all[key] = entry;
            save(false);
          },
        });
      } catch (error) {
        log(`[${name}] skipped: ${error.stack ?? error.message}`);
      }
      save(false);
      continue;
    }
    let root;
    try {
      root = ensureCorpus(name);
    } catch (error) {
      log(`[${name}] skipped: ${error.message}`);
      continue;
    }
    const files = countTsFiles(root);
    log(`[${name}] ${files} TypeScript files`);
    const peers = peersReady && (!quick || name !== 'gen-1000');
    const entry = { files, cli: {} };
    all[name] = entry;
    // The editor loop first: it is what this benchmark is mostly about, and a long run may be cut short.
    if (name.startsWith('gen-') && measures.has('editor')) entry.editor = await editorRuns(name, root, quick ? 2 : Math.max(runs, 2));
    if (!name.startsWith('gen-') && measures.has('editor')) {
      entry.load = { editorStart: os.loadavg()[0] };
      log(`[${name}] editor loop on real files (${realEdits} edits per kind and file)`);
      try {
        entry.realEditor = await realEditorRuns({ name, root, repo, server: path.join(distDir, 'server.js'), serverArgs, editsPerKind: realEdits, coldRuns: runs, memoryEdits, log });
      } catch (error) {
        log(`  [${name}] editor loop failed: ${error.stack ?? error}`);
        entry.realEditor = { error: String(error.message ?? error) };
      }
      entry.load.editorEnd = os.loadavg()[0];
      save(false);
      if (peers && entry.realEditor.files?.length) entry.eslintWarm = eslintWarm(name, root, entry.realEditor.files[0].file);
    }
    save(false);
    entry.load ??= {};
    entry.load.cliStart = os.loadavg()[0];
    if (measures.has('cli')) entry.cli = cliRuns(name, root, runs, peers);
    entry.load.cliEnd = os.loadavg()[0];
    for (const result of Object.values(entry.cli)) if (result?.last) result.last = { status: result.last.status };
    save(false);
  }
  // The worst event-loop gap during Scan Workspace, last (a whole-workspace scan is long).
  const scanCorpus = option('scan-corpus', 'gen-1000');
  if (all[scanCorpus] && measures.has('scan')) {
    all[scanCorpus].scanGap = scanGap(scanCorpus, path.join(corporaDir, scanCorpus));
  }
  const report = save(true);
  log(`\nwrote ${path.relative(process.cwd(), outFile)} in ${fmtS(Date.now() - started)}`);
  process.stdout.write(report);
}

/** bench/scan-gap.mjs (when present): the server's worst event-loop gap during "Scan Workspace". */
function scanGap(name, root) {
  const script = path.join(here, 'scan-gap.mjs');
  if (!existsSync(script)) return undefined;
  log(`[${name}] worst event-loop gap during Scan Workspace (bench/scan-gap.mjs)`);
  const result = sh(process.execPath, [script, '--server', path.join(distDir, 'server.js'), '--root', root], { cwd: repo, timeout: 30 * 60 * 1000 });
  const line = (result.stdout ?? '').trim().split('\n').reverse().find((text) => text.trim().startsWith('{'));
  try {
    const parsed = JSON.parse(line);
    log(`  ${JSON.stringify(parsed)}`);
    return parsed;
  } catch {
    const why = `exit ${result.status}: ${(result.stderr || result.stdout || '').trim().split('\n').slice(-2).join(' | ')}`;
    log(`  scan-gap could not run (${why})`);
    return { error: why };
  }
}

function render(all, meta) {
  const m = machine();
  const out = [];
  out.push('# Loop Guard benchmark results', '');
  out.push(
    `${meta.complete ? '' : '**Partial (the run was still going or was cut short).** '}Measured ${meta.startedAt.slice(0, 16).replace('T', ' ')}–${meta.finishedAt.slice(11, 16)} UTC (${fmtS(meta.durationMs)}) on ${m.nproc} cores (${m.cpu}), ${m.memoryGb} GB memory, Node ${m.node}, ${os.type()}. Load average (1, 5, 15 min) at the start: ${meta.loadAtStart}; at the end: ${meta.loadAtEnd}.`,
  );
  out.push('', `Command: \`${meta.command}\`. Reproduce: \`npm run bench\` (= \`node bench/run.mjs\`: 3 runs of each measure; on real code 60 edits per file and edit kind, 20 for the warm ESLint; on generated code 200 edits; \`--runs N\`, \`--quick\` for one run, 10 edits per kind (100 on generated code)). Corpora live in the git-ignored \`bench/corpora/\`: typeorm is copied from the shared corpus and installed there (\`bench/real-corpora.mjs\`), effect's published \`src/\` is installed from the npm registry at a pinned version, rxjs 7.8.2's published \`src/\` is copied from \`bench/peers\`, gen-N are generated by \`bench/generate.mjs\`, gen-py-N by \`bench/generate-python.mjs\`, asyncio is copied from the running \`python3\` (\`--corpora typeorm,rxjs,effect,gen-1000,gen-py-1000,asyncio\` by default); the peers live in \`bench/peers/\` (installed with \`npm ci\` on first use). The run measures a private copy of the bundles; the raw figures are in \`bench/results.json\`.`, '');
  out.push('Wall times on a shared 2-core machine move with whatever else runs; CPU time (user+sys) is the steadier figure and is given beside it.', '');
  for (const [name, entry] of Object.entries(all)) {
    if (entry.language === 'python') continue;
    out.push(`## ${name} (${entry.files} .ts files)`, '');
    if (Object.keys(entry.cli).length) {
      out.push('### CLI cold, whole project', '', cliTable(entry.cli), '');
      if (entry.load?.cliStart !== undefined) out.push(`Load average (1 min) at the start of these runs: ${entry.load.cliStart.toFixed(1)}; at their end: ${entry.load.cliEnd.toFixed(1)}.`, '');
    }
    if (entry.realEditor) out.push(realEditorSection(entry));
    if (entry.editor) {
      const e = entry.editor;
      out.push('### Editor loop through the language server (LSP over stdio)', '');
      out.push(
        table(
          ['measure', 'p50', 'p95', 'max', 'n'],
          [
            ['single-character edit in `services/busy.ts` → its diagnostics', fmtMs(e.busy?.p50), fmtMs(e.busy?.p95), fmtMs(e.busy?.max), String(e.busy?.n ?? 0)],
            ['edit in `core/types.ts` (imported by every service) → its diagnostics', fmtMs(e.hub?.p50), fmtMs(e.hub?.p95), fmtMs(e.hub?.max), String(e.hub?.n ?? 0)],
            ['… then diagnostics of the dependent `services/busy.ts`', fmtMs(e.dependent?.p50), fmtMs(e.dependent?.p95), fmtMs(e.dependent?.max), String(e.dependent?.n ?? 0)],
          ],
        ),
        '',
      );
      out.push(`Time to first diagnostics in a cold server: ${spread(e.firstOpen, fmtMs)} after didOpen; ${spread(e.firstSpawn, fmtMs)} after spawning the server. Server peak memory (VmHWM) after the edits: ${fmtMb(e.serverPeakKb)}.`, '');
    }
    if (entry.scanGap) out.push(`Scan Workspace (bench/scan-gap.mjs): \`${JSON.stringify(entry.scanGap)}\``, '');
  }
  out.push(realTargets(all));
  out.push(targets(all));
  if (python) out.push(python.renderPython(all, { table, spread, ratio, summary, fmtS, fmtMs, fmtMb }));
  const analysis = path.join(here, 'analysis.md');
  if (existsSync(analysis)) out.push(readFileSync(analysis, 'utf8').trim(), '');
  return `${out.join('\n')}\n`;
}

const KIND_LABELS = Object.fromEntries(EDIT_KINDS);
const short = (file) => `\`${file.replace(/^src\//, '')}\``;

function realEditorSection(entry) {
  const e = entry.realEditor;
  const out = [];
  if (e.error) return `### Editor loop on real files\n\ncould not run: ${e.error}\n`;
  const w = entry.eslintWarm;
  const load = entry.load ? ` Load average (1 min) at the start of the loop: ${entry.load.editorStart.toFixed(1)}; at its end: ${entry.load.editorEnd.toFixed(1)}.` : '';
  out.push('### Editor loop on real files (language server over stdio, pull diagnostics)', '');
  out.push(
    `Each edit is sent as an incremental \`didChange\`, then the edited file's diagnostics are pulled; the time is from the change to the answer. Edits alternate insert / remove (a \`void n;\` statement in a body or at the end, \`private __benchN = N;\` after the class's last member, \`import type {} from …\` after the last import), so the file stays valid; positions come from the TypeScript AST (the line is given). One unmeasured edit pair follows the opening of each file. Server CPU per edit is the server process's user+sys time (from /proc) over the edits, averaged. Warm ESLint: one \`new ESLint()\` (typescript-eslint with \`project\`) calling \`lintText\` on the edited text after the same edits, on the largest file${w?.editsPerKind ? ` (${w.editsPerKind} edits per kind)` : ''}, as vscode-eslint does.${load}`,
    '',
  );
  const rows = [];
  for (const f of e.files) {
    for (const [kind, label] of EDIT_KINDS) {
      const k = f.kinds[kind];
      const wk = w && !w.error && w.file === f.file ? w.kinds[kind] : undefined;
      if (!k) {
        rows.push([`${short(f.file)} (${f.lines} lines${f.role === '~800 lines' ? ', the comparison file' : ''})`, `${label}: none in this file`, '', '', '', '', '', '', '', '', '']);
        continue;
      }
      rows.push([
        `${short(f.file)} (${f.lines} lines${f.role === '~800 lines' ? ', the comparison file' : ''})`,
        `${label} (line ${k.line})`,
        fmtMs(k.p50),
        fmtMs(k.p95),
        fmtMs(k.max),
        String(k.n),
        fmtMs(k.cpuPerEditMs),
        wk ? `${fmtMs(wk.p50)} / ${fmtMs(wk.p95)}` : '—',
        wk ? fmtMs(wk.cpuPerEditMs) : '—',
        wk ? ratio(k.p95, wk.p95) : '—',
        wk ? ratio(k.cpuPerEditMs, wk.cpuPerEditMs) : '—',
      ]);
    }
  }
  out.push(table(['file', 'edit', 'p50', 'p95', 'max', 'n', 'server CPU / edit', 'warm ESLint p50 / p95', 'ESLint CPU / edit', 'ours/ESLint p95', 'ours/ESLint CPU'], rows), '');
  if (w?.error) out.push(`Warm ESLint could not run: ${w.error}.`, '');
  const tsc6 = entry.cli.tsc6;
  const tsc7 = entry.cli.tsc7;
  const firstMedian = e.firstOpen.length ? median(e.firstOpen) : undefined;
  const firstS = summary(e.firstOpen);
  out.push('### First diagnostics', '');
  const firstRows = [
    [`didOpen of ${short(e.firstFile)} in a cold server → its diagnostics`, spread(firstS, fmtMs), ratio(firstMedian, tsc6?.wall?.median), ratio(firstMedian, tsc7?.wall?.median)],
    ['… counted from spawning the server', spread(summary(e.firstSpawn), fmtMs), ratio(e.firstSpawn.length ? median(e.firstSpawn) : undefined, tsc6?.wall?.median), ''],
    ...(e.firstCpu?.length ? [['… the server\'s CPU time (user+sys) from its start to those diagnostics, vs tsc\'s CPU', spread(summary(e.firstCpu), fmtMs), ratio(median(e.firstCpu), tsc6?.cpu?.median), ratio(median(e.firstCpu), tsc7?.cpu?.median)]] : []),
    ...e.files.slice(1).map((f) => [`didOpen of ${short(f.file)} in the same server afterwards`, fmtMs(f.firstMs), '', '']),
  ];
  if (w?.firstMs) firstRows.push([`(peer) first \`lintText\` of ${short(w.file)} in a new ESLint instance`, fmtMs(w.firstMs), ratio(w.firstMs, tsc6?.wall?.median), '']);
  out.push(table(['measure', 'time', 'vs `tsc --noEmit` TS 6 (whole project, wall)', 'vs TS 7'], firstRows), '');
  out.push('### Memory', '');
  const m = e.memory ?? {};
  const memoryRows = [
    [`server peak (VmHWM) after ${m.edits ?? '?'} edits`, fmtMb(m.vmHwmKb), ratio(m.vmHwmKb, tsc6?.rss?.median), ratio(m.vmHwmKb, tsc7?.rss?.median)],
    [`server live heap after ${m.edits ?? '?'} edits (after a full collection)`, fmtMb(m.heapUsed === undefined ? undefined : m.heapUsed / 1024), '', ''],
  ];
  if (e.memoryEnd && e.memoryEnd.edits !== m.edits) {
    memoryRows.push([`server peak (VmHWM) after all ${e.memoryEnd.edits} edits`, fmtMb(e.memoryEnd.vmHwmKb), ratio(e.memoryEnd.vmHwmKb, tsc6?.rss?.median), ratio(e.memoryEnd.vmHwmKb, tsc7?.rss?.median)]);
    memoryRows.push([`server live heap after all ${e.memoryEnd.edits} edits`, fmtMb(e.memoryEnd.heapUsed === undefined ? undefined : e.memoryEnd.heapUsed / 1024), '', '']);
  }
  if (entry.cli.loopguard?.rss) memoryRows.push(['Loop Guard CLI peak RSS (cold, whole project)', fmtMb(entry.cli.loopguard.rss.median), ratio(entry.cli.loopguard.rss.median, tsc6?.rss?.median), ratio(entry.cli.loopguard.rss.median, tsc7?.rss?.median)]);
  if (w?.maxRssKb) memoryRows.push(['(peer) warm ESLint process peak RSS after its edits', fmtMb(w.maxRssKb), ratio(w.maxRssKb, tsc6?.rss?.median), '']);
  out.push(table(['measure', 'memory', 'vs `tsc --noEmit` TS 6 peak RSS', 'vs TS 7'], memoryRows), '');
  return out.join('\n');
}

/** Issue 12's targets, from the real-code figures of this run. */
function realTargets(all) {
  const typeorm = all.typeorm;
  const rxjs = all.rxjs;
  if (!typeorm?.realEditor?.files && !typeorm?.cli?.loopguard && !rxjs?.cli?.loopguard) return '';
  const check = (ok) => (ok === undefined ? 'n/a' : ok ? 'met' : '**not met**');
  const rows = [];
  const files = typeorm?.realEditor?.files ?? [];
  const largest = files.filter((f) => f.role === 'largest');
  const mid = files.find((f) => f.role === '~800 lines');
  const worst = largest.flatMap((f) => Object.entries(f.kinds).map(([kind, k]) => ({ file: f.file, kind, p95: k.p95 }))).sort((a, b) => b.p95 - a.p95)[0];
  rows.push([
    'edit → diagnostics p95 ≤ 150 ms, every edit kind, typeorm\'s two largest files',
    worst ? `worst: ${fmtMs(worst.p95)} (${short(worst.file)}, ${KIND_LABELS[worst.kind]}); ${largest.flatMap((f) => Object.values(f.kinds)).filter((k) => k.p95 <= 150).length} of ${largest.flatMap((f) => Object.values(f.kinds)).length} (file, kind) cases within` : 'not measured',
    check(worst ? worst.p95 <= 150 : undefined),
  ]);
  const ratios = mid
    ? largest.flatMap((f) => Object.entries(f.kinds).filter(([kind]) => mid.kinds[kind]).map(([kind, k]) => ({ file: f.file, kind, ratio: k.p95 / mid.kinds[kind].p95, p95: k.p95, midP95: mid.kinds[kind].p95 }))).sort((a, b) => b.ratio - a.ratio)
    : [];
  const r0 = ratios[0];
  rows.push([
    `the same, largest file vs the ~800-line file (${mid ? short(mid.file) : 'none'}), p95 per edit kind ≤ 1.5x`,
    r0 ? `worst: ${fmtMs(r0.p95)} / ${fmtMs(r0.midP95)} = ${r0.ratio.toFixed(2)}x (${short(r0.file)}, ${KIND_LABELS[r0.kind]})` : 'not measured',
    check(r0 ? r0.ratio <= 1.5 : undefined),
  ]);
  const first = typeorm?.realEditor?.firstOpen?.length ? median(typeorm.realEditor.firstOpen) : undefined;
  const tsc6 = typeorm?.cli?.tsc6;
  rows.push([
    'first diagnostics after didOpen of `SelectQueryBuilder.ts` ≤ 0.5x `tsc --noEmit` (TS 6) of the whole project',
    first !== undefined && tsc6?.wall
      ? `wall ${fmtS(first)} / ${fmtS(tsc6.wall.median)} = ${ratio(first, tsc6.wall.median)}${typeorm.realEditor.firstCpu?.length && tsc6.cpu ? `; CPU (server from its start) ${fmtS(median(typeorm.realEditor.firstCpu))} / ${fmtS(tsc6.cpu.median)} = ${ratio(median(typeorm.realEditor.firstCpu), tsc6.cpu.median)}` : ''}`
      : `${fmtS(first)} / tsc 6 not measured`,
    check(first !== undefined && tsc6?.wall ? first / tsc6.wall.median <= 0.5 : undefined),
  ]);
  const peak = typeorm?.realEditor?.memory;
  rows.push([
    `server peak memory (VmHWM) after ${peak?.edits ?? 200} edits on typeorm ≤ 1.2x \`tsc --noEmit\` (TS 6) peak`,
    peak?.vmHwmKb && tsc6?.rss ? `${fmtMb(peak.vmHwmKb)} / ${fmtMb(tsc6.rss.median)} = ${ratio(peak.vmHwmKb, tsc6.rss.median)}` : `${fmtMb(peak?.vmHwmKb)} / tsc 6 not measured`,
    check(peak?.vmHwmKb && tsc6?.rss ? peak.vmHwmKb / tsc6.rss.median <= 1.2 : undefined),
  ]);
  for (const [name, entry] of [['typeorm', typeorm], ['rxjs', rxjs]]) {
    const ours = entry?.cli?.loopguard;
    const t6 = entry?.cli?.tsc6;
    const es = entry?.cli?.eslint;
    rows.push([
      `CLI cold on ${name}, CPU ≤ 1.0x \`tsc --noEmit\` (TS 6) (wall beside)`,
      ours?.cpu && t6?.cpu ? `CPU ${fmtS(ours.cpu.median)} / ${fmtS(t6.cpu.median)} = ${ratio(ours.cpu.median, t6.cpu.median)}; wall ${ratio(ours.wall?.median, t6.wall?.median)}` : 'not measured',
      check(ours?.cpu && t6?.cpu ? ours.cpu.median / t6.cpu.median <= 1 : undefined),
    ]);
    rows.push([
      `CLI cold on ${name}, CPU ≤ 0.35x ESLint + typescript-eslint (wall beside)`,
      ours?.cpu && es?.cpu ? `CPU ${fmtS(ours.cpu.median)} / ${fmtS(es.cpu.median)} = ${ratio(ours.cpu.median, es.cpu.median)}; wall ${ratio(ours.wall?.median, es.wall?.median)}` : 'not measured',
      check(ours?.cpu && es?.cpu ? ours.cpu.median / es.cpu.median <= 0.35 : undefined),
    ]);
  }
  return ['## Targets (issue 12: real code, ratios within this run)', '', table(['target', 'measured', 'status'], rows), ''].join('\n');
}

function targets(all) {
  const big = all['gen-5000'];
  const small = all['gen-1000'];
  if (!big) return '';
  const lines = ['## Targets (5,000-file corpus, one run)', ''];
  const check = (ok) => (ok === undefined ? 'n/a' : ok ? 'met' : '**not met**');
  const p95 = big.editor?.busy?.p95;
  const p95Small = small?.editor?.busy?.p95;
  const ours = big.cli.loopguard ?? {};
  const gapEntry = Object.entries(all).find(([, entry]) => entry.scanGap);
  const gap = gapEntry?.[1].scanGap;
  const gapMs = gap?.worstGapMs;
  const rows = [
    ['edit-to-diagnostics p95 ≤ 150 ms', fmtMs(p95), check(p95 === undefined ? undefined : p95 <= 150)],
    ['… and ≤ 1.5x the 1,000-file p95', p95Small ? `${fmtMs(p95)} / ${fmtMs(p95Small)} = ${ratio(p95, p95Small)}` : 'n/a', check(p95Small ? p95 / p95Small <= 1.5 : undefined)],
    ['CLI cold ≤ 0.5x ESLint + typescript-eslint (wall; CPU)', `${ratio(ours.wall?.median, big.cli.eslint?.wall?.median)}; ${ratio(ours.cpu?.median, big.cli.eslint?.cpu?.median)}`, check(big.cli.eslint?.wall && ours.wall ? ours.wall.median / big.cli.eslint.wall.median <= 0.5 : undefined)],
    ['CLI cold ≤ 1.0x tsc --noEmit, TS 7 (wall; CPU)', `${ratio(ours.wall?.median, big.cli.tsc7?.wall?.median)}; ${ratio(ours.cpu?.median, big.cli.tsc7?.cpu?.median)}`, check(big.cli.tsc7?.wall && ours.wall ? ours.wall.median / big.cli.tsc7.wall.median <= 1 : undefined)],
    ['(for reference) CLI cold vs tsc --noEmit, TS 6 (wall; CPU)', `${ratio(ours.wall?.median, big.cli.tsc6?.wall?.median)}; ${ratio(ours.cpu?.median, big.cli.tsc6?.cpu?.median)}`, check(big.cli.tsc6?.wall && ours.wall ? ours.wall.median / big.cli.tsc6.wall.median <= 1 : undefined)],
    ['server peak memory ≤ 1.5x tsc (TS 7) peak', `${fmtMb(big.editor?.serverPeakKb)} / ${fmtMb(big.cli.tsc7?.rss?.median)} = ${ratio(big.editor?.serverPeakKb, big.cli.tsc7?.rss?.median)}`, check(big.editor?.serverPeakKb && big.cli.tsc7?.rss ? big.editor.serverPeakKb / big.cli.tsc7.rss.median <= 1.5 : undefined)],
    ['the server never blocks its own event loop for long (worst gap during Scan Workspace)', gap ? (gap.error ? `could not run: ${gap.error.replace(/\|/g, '/')}` : `${gapEntry[0]}: worst ${fmtMs(gapMs)}, p95 ${fmtMs(gap.p95GapMs)}; after the first file: worst ${fmtMs(gap.worstGapAfterFirstReportMs)} (${gap.files} files, scan ${fmtS(gap.scanMs)})`) : 'not measured (bench/scan-gap.mjs absent)', gapMs === undefined ? 'n/a' : `${check(gapMs <= 50)} (bar: worst gap ≤ 50 ms)`],
  ];
  lines.push(table(['target', 'measured', 'status'], rows), '');
  return lines.join('\n');
}

await main();
