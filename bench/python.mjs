// The Python part of bench/run.mjs (issue 13): corpora gen-py-N (bench/generate-python.mjs) and
// CPython's own `asyncio` package (copied from the running python3), the CLI cold against pyright
// (npm, bench/peers) on the same files, and the edit → diagnostics loop on the largest module
// (the generated 2,000-line one) through the language server, with bench/editor-real.mjs's loop
// and bench/python-edits.mjs's edits.
//
// Measures whatever is there when it runs: when the CLI does not take `.py` files yet, the
// engine is driven directly (bench/python-engine-cli.mjs); when the server reports nothing on a
// probe file (`time.sleep` in an `async def`), the edit loop runs on the engine in-process
// (overlay + analyzeFile). Each table says which.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PY_EDIT_FILE, generatePythonProject } from './generate-python.mjs';
import { listPy } from './python-files.mjs';
import { editLoop, realEditorRuns } from './editor-real.mjs';
import * as PY_EDITS from './python-edits.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const GENERATOR_VERSION = 2;
export const PYRIGHT_VERSION = JSON.parse(readFileSync(path.join(here, 'peers/package.json'), 'utf8')).dependencies.pyright;

export const isPythonCorpus = (name) => /^gen-py-\d+$/.test(name) || name === 'asyncio';

const PROBE = 'import time\n\n\nasync def handler():\n    time.sleep(1)\n';

/** Where the corpus's Python files are, relative to its root (what both tools are given). */
const sourceDir = (name) => (name === 'asyncio' ? 'asyncio' : 'src');

/** Generates or copies a Python corpus under `corporaDir/name`; returns its root. Throws when it cannot. */
export function ensurePythonCorpus(name, corporaDir, log) {
  const root = path.join(corporaDir, name);
  const stamp = path.join(root, '.bench-stamp');
  const generated = /^gen-py-(\d+)$/.exec(name);
  let source;
  let wanted;
  if (generated) wanted = `gen-py ${GENERATOR_VERSION} ${generated[1]}`;
  else {
    const found = spawnSync('python3', ['-c', 'import asyncio, sys; print(asyncio.__file__); print(sys.version.split()[0])'], { encoding: 'utf8' });
    if (found.status !== 0) throw new Error(`python3 could not locate asyncio (${(found.stderr || found.error?.message || '').trim()})`);
    const [file, version] = found.stdout.trim().split('\n');
    source = path.dirname(file);
    wanted = `asyncio ${version} ${source}`;
  }
  if (!(existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted)) {
    if (generated) {
      log(`generating ${name} ...`);
      generatePythonProject(root, { modules: Number(generated[1]) });
    } else {
      log(`copying ${source} to ${root} ...`);
      rmSync(root, { recursive: true, force: true });
      // A checkout of its own: the repo's "bench/corpora/" ignore line does not hide it from the CLI.
      mkdirSync(path.join(root, '.git'), { recursive: true });
      cpSync(source, path.join(root, 'asyncio'), { recursive: true, filter: (file) => !file.includes('__pycache__') });
    }
    // pyright checks exactly the files Loop Guard is given (its bundled typeshed serves the stdlib).
    writeFileSync(path.join(root, 'pyrightconfig.json'), `${JSON.stringify({ include: [sourceDir(name)] }, null, 2)}\n`);
    writeFileSync(stamp, wanted);
  }
  return root;
}

/** Whether the CLI takes `.py` files (it said "not a JavaScript or TypeScript file" before issue 13). */
function cliTakesPython(distDir) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loopguard-py-probe-'));
  try {
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, 'probe.py'), PROBE);
    const result = spawnSync(process.execPath, [path.join(distDir, 'cli.js'), '--format', 'json', 'probe.py'], { cwd: dir, encoding: 'utf8' });
    return !/not a JavaScript or TypeScript file/.test(result.stderr ?? '') && (result.status === 0 || result.status === 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI cold against pyright. `measureRuns` is bench/run.mjs's. */
export function pythonCliRuns({ name, root, runs, peers, distDir, peerModules, measureRuns, log }) {
  const results = {};
  const reportFile = path.join(os.tmpdir(), `loopguard-bench-${name}.json`);
  const viaCli = cliTakesPython(distDir);
  log(`[${name}] CLI cold, whole project${viaCli ? '' : ' (the CLI does not take .py files yet: the engine is driven directly, bench/python-engine-cli.mjs)'}`);
  const ours = viaCli
    ? [path.join(distDir, 'cli.js'), '--format', 'json', '--output', reportFile, sourceDir(name)]
    : [path.join(here, 'python-engine-cli.mjs'), '--engine', path.join(distDir, 'engine.js'), '--output', reportFile, sourceDir(name)];
  results.loopguard = measureRuns(viaCli ? 'loopguard CLI' : 'Loop Guard engine (CLI stand-in)', runs, process.execPath, ours, { cwd: root });
  results.loopguard.reportFile = reportFile;
  results.loopguard.via = viaCli ? 'cli' : 'engine';
  try {
    results.loopguard.problems = JSON.parse(readFileSync(reportFile, 'utf8')).length;
  } catch {
    // the run failed: its error is in the result
  }
  if (peers) {
    const pyright = path.join(peerModules, 'pyright/index.js');
    // Exit 1: pyright found errors (it reports them, it ran).
    results.pyright = measureRuns(`pyright ${PYRIGHT_VERSION}`, runs, process.execPath, [pyright, '--outputjson', '-p', 'pyrightconfig.json'], { cwd: root });
    try {
      const report = JSON.parse(results.pyright.last.stdout);
      const s = report.summary;
      results.pyright.problems = s.errorCount + s.warningCount + s.informationCount;
      results.pyright.filesAnalyzed = s.filesAnalyzed;
      const byRule = {};
      for (const d of report.generalDiagnostics) byRule[d.rule ?? d.severity] = (byRule[d.rule ?? d.severity] ?? 0) + 1;
      results.pyright.byRule = byRule;
    } catch {
      // no JSON: the run failed
    }
  }
  for (const result of Object.values(results)) if (result?.last) result.last = { status: result.last.status };
  return results;
}

/** One in-process engine over the bundle as an edit session (the fallback when the server does not take `.py`). */
async function engineSession(distDir, root) {
  const require = createRequire(import.meta.url);
  const { Engine, RULES, PYTHON_RULES, normalizeSettings, preparePython } = require(path.join(distDir, 'engine.js'));
  await preparePython();
  const settings = normalizeSettings({}, [...RULES, ...PYTHON_RULES].map((rule) => rule.id)).settings;
  const engine = new Engine({ rules: RULES, pythonRules: PYTHON_RULES, settings, root, log: () => {} });
  const analyse = (file, text) => {
    engine.host.setOverlay(file, text);
    return engine.analyzeFile(file).findings;
  };
  return {
    engine,
    open: async (file, text) => analyse(file, text),
    change: async (file, range, insert, text) => analyse(file, text),
    cpuMs: () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    },
    memory: async () => {
      globalThis.gc?.();
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
      return { vmHwmKb: hwm ? Number(hwm) : undefined, heapUsed: process.memoryUsage().heapUsed };
    },
  };
}

/** Whether the language server reports the probe's blocking call (it takes `.py` and a Python rule flags it). */
async function serverTakesPython({ repo, server, log }) {
  const { LspClient } = await import(new URL(`file://${path.join(repo, 'test/helpers/lspClient.mjs')}`).href);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loopguard-py-probe-'));
  mkdirSync(path.join(dir, '.git'));
  const file = path.join(dir, 'probe.py');
  writeFileSync(file, PROBE);
  const client = new LspClient({ workspace: dir, server });
  try {
    await client.initialize();
    await client.open(file, PROBE, 'python');
    const diagnostics = await Promise.race([client.diagnostics(file), new Promise((resolve) => setTimeout(() => resolve([]), 20000))]);
    return diagnostics.length > 0;
  } catch (error) {
    log(`  server probe failed: ${error.message}`);
    return false;
  } finally {
    await client.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The edit loop on the corpus's largest module (gen-py: the 2,000-line one). */
export async function pythonEditorRuns({ name, root, repo, distDir, serverArgs, editsPerKind, coldRuns, memoryEdits, log }) {
  const files = listPy(path.join(root, sourceDir(name))).map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length }));
  files.sort((a, b) => b.lines - a.lines);
  const largest = existsSync(path.join(root, PY_EDIT_FILE)) ? PY_EDIT_FILE : path.relative(root, files[0].file);
  const targets = [{ file: largest, role: 'largest' }];
  const server = path.join(distDir, 'server.js');
  if (await serverTakesPython({ repo, server, log })) {
    log(`[${name}] editor loop through the language server on ${largest} (${editsPerKind} edits per kind)`);
    const result = await realEditorRuns({ name, root, repo, server, serverArgs, editsPerKind, coldRuns, memoryEdits, log, targets, edits: PY_EDITS });
    return { ...result, via: 'server' };
  }
  log(`[${name}] the server reports nothing on a probe .py file: edit loop on the engine in-process (overlay + analyzeFile) on ${largest}`);
  const startedAt = performance.now();
  const session = await engineSession(distDir, root);
  const result = await editLoop({ session, name, root, targets, edits: PY_EDITS, editsPerKind, memoryEdits, startedAt, log });
  return { ...result, firstCpu: [], firstFile: largest, via: 'engine' };
}

/**
 * One Python corpus: the edit loop first (as for TS), then the CLI runs. `ctx`: { corporaDir, repo,
 * distDir, peerModules, peers, runs, serverArgs, editsPerKind, memoryEdits, measures, measureRuns,
 * log, save }. Returns the corpus's entry of results.json.
 */
export async function runPythonCorpus(name, ctx) {
  const { log } = ctx;
  const root = ensurePythonCorpus(name, ctx.corporaDir, log);
  const files = listPy(path.join(root, sourceDir(name)));
  const lines = files.reduce((sum, file) => sum + readFileSync(file, 'utf8').split('\n').length - 1, 0);
  const pythonRules = createRequire(import.meta.url)(path.join(ctx.distDir, 'engine.js')).PYTHON_RULES.length;
  log(`[${name}] ${files.length} Python files, ${lines} lines; ${pythonRules} Python rules registered`);
  const entry = { language: 'python', files: files.length, lines, pythonRules, cli: {}, load: {} };
  ctx.save?.(name, entry);
  if (ctx.measures.has('editor')) {
    entry.load.editorStart = os.loadavg()[0];
    try {
      entry.editor = await pythonEditorRuns({ name, root, repo: ctx.repo, distDir: ctx.distDir, serverArgs: ctx.serverArgs, editsPerKind: ctx.editsPerKind, coldRuns: ctx.runs, memoryEdits: ctx.memoryEdits, log });
    } catch (error) {
      log(`  [${name}] editor loop failed: ${error.stack ?? error}`);
      entry.editor = { error: String(error.message ?? error) };
    }
    entry.load.editorEnd = os.loadavg()[0];
    ctx.save?.(name, entry);
  }
  if (ctx.measures.has('cli')) {
    entry.load.cliStart = os.loadavg()[0];
    entry.cli = pythonCliRuns({ name, root, runs: ctx.runs, peers: ctx.peers, distDir: ctx.distDir, peerModules: ctx.peerModules, measureRuns: ctx.measureRuns, log });
    entry.load.cliEnd = os.loadavg()[0];
  }
  return entry;
}

// ---------------------------------------------------------------- report

const VIA = {
  cli: 'Loop Guard CLI (`node dist/cli.js`)',
  engine: 'Loop Guard engine driven directly (bench/python-engine-cli.mjs: the CLI does not take `.py` files in this build)',
};

/** The "Python" section of RESULTS.md. `h`: bench/run.mjs's formatting helpers. */
export function renderPython(all, h) {
  const entries = Object.entries(all).filter(([, entry]) => entry.language === 'python');
  if (!entries.length) return '';
  const out = ['## Python (issue 13)', ''];
  out.push(
    `Corpora: \`gen-py-N\`, a generated asyncio project of N modules (\`bench/generate-python.mjs\`: packages with \`__init__.py\` re-exports, absolute, relative and aliased imports, blocking calls a few helpers deep, \`create_task\`, \`gather\`, classes; one 2,000-line module, \`${PY_EDIT_FILE}\`, for the edit loop), and CPython's own \`asyncio\` package, copied from the \`python3\` that runs the bench. The peer is pyright ${PYRIGHT_VERSION} from npm (\`bench/peers\`), run as \`pyright --outputjson -p pyrightconfig.json\` with a config that includes exactly the files Loop Guard is given; it resolves the standard library through the typeshed stubs it bundles and third-party imports (\`requests\`) through the interpreter it finds on PATH, and it type-checks every file (its problems are type errors, \`reportUnusedCoroutine\` among them). Loop Guard runs whatever Python rules are registered in the measured build (${entries[0][1].pythonRules ?? '?'} in this run).`,
    '',
  );
  for (const [name, entry] of entries) {
    out.push(`### ${name} (${entry.files} .py files, ${entry.lines ?? '?'} lines)`, '');
    const cli = entry.cli ?? {};
    if (cli.loopguard || cli.pyright) {
      const ours = cli.loopguard;
      const rows = [];
      for (const [key, label] of [
        ['loopguard', VIA[ours?.via] ?? 'Loop Guard'],
        ['pyright', `pyright ${PYRIGHT_VERSION} (npm)`],
      ]) {
        const r = cli[key];
        if (!r) continue;
        if (r.error) {
          rows.push([label, `could not run: ${r.error.replace(/\|/g, '/')}`, '', '', '', '', '', '']);
          continue;
        }
        const mine = key === 'loopguard';
        rows.push([label, h.spread(r.wall, h.fmtS), h.spread(r.cpu, h.fmtS), h.fmtMb(r.rss?.median), mine ? '—' : h.ratio(ours?.wall?.median, r.wall?.median), mine ? '—' : h.ratio(ours?.cpu?.median, r.cpu?.median), mine ? '—' : h.ratio(ours?.rss?.median, r.rss?.median), String(r.problems ?? 'n/a')]);
      }
      out.push('#### CLI cold, whole corpus', '', h.table(['tool', 'wall: median (min–max)', 'CPU user+sys: median (min–max)', 'peak RSS', 'ours/pyright wall', 'ours/pyright CPU', 'ours/pyright peak RSS', 'problems'], rows), '');
      if (cli.pyright?.byRule) out.push(`pyright's problems by rule: ${Object.entries(cli.pyright.byRule).sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`).join(', ')}.`, '');
      if (entry.load?.cliStart !== undefined) out.push(`Load average (1 min) at the start of these runs: ${entry.load.cliStart.toFixed(1)}; at their end: ${entry.load.cliEnd.toFixed(1)}.`, '');
    }
    const e = entry.editor;
    if (e?.error) out.push('#### Edit → diagnostics', '', `could not run: ${e.error}`, '');
    else if (e?.files) {
      const title = e.via === 'server' ? 'language server over stdio, pull diagnostics' : '**engine in-process (overlay + analyzeFile), not the server**: the server reported nothing on a probe `.py` file in this build; re-run after the server takes Python';
      out.push(`#### Edit → diagnostics (${title})`, '');
      out.push(
        `Edits alternate insert / remove (a \`_bench_N = N\` first statement in a body or at the end, a \`def _bench_def_N()\` after the last top-level definition, an import of the last import's module under a new name after the last import), so the file stays valid; positions come from tree-sitter (the line is given). One unmeasured pair follows the opening. CPU per edit: ${e.via === 'server' ? "the server process's" : "the bench process's (it hosts the engine)"} user+sys over the edits, averaged.${entry.load?.editorStart !== undefined ? ` Load average (1 min) at the start of the loop: ${entry.load.editorStart.toFixed(1)}; at its end: ${entry.load.editorEnd.toFixed(1)}.` : ''}`,
        '',
      );
      const labels = Object.fromEntries(PY_EDITS.EDIT_KINDS);
      const rows = [];
      for (const f of e.files) {
        for (const [kind, label] of PY_EDITS.EDIT_KINDS) {
          const k = f.kinds[kind];
          rows.push(k ? [`\`${f.file}\` (${f.lines} lines)`, `${label} (line ${k.line})`, h.fmtMs(k.p50), h.fmtMs(k.p95), h.fmtMs(k.max), String(k.n), h.fmtMs(k.cpuPerEditMs)] : [`\`${f.file}\``, `${labels[kind]}: none in this file`, '', '', '', '', '']);
        }
      }
      out.push(h.table(['file', 'edit', 'p50', 'p95', 'max', 'n', 'CPU / edit'], rows), '');
      out.push(`First diagnostics after opening \`${e.firstFile}\`: ${h.spread(h.summary(e.firstOpen), h.fmtMs)}${e.via === 'server' ? ` (${h.spread(h.summary(e.firstSpawn), h.fmtMs)} after spawning the server)` : ''}. Peak memory (VmHWM) after ${e.memory?.edits ?? '?'} edits: ${h.fmtMb(e.memory?.vmHwmKb)}${e.via === 'server' ? '' : ' (the bench process)'}.`, '');
    }
  }
  out.push(pythonTargets(all, h));
  return out.join('\n');
}

/** Issue 13's speed targets, from this run. */
function pythonTargets(all, h) {
  const check = (ok) => (ok === undefined ? 'n/a' : ok ? 'met' : '**not met**');
  const rows = [];
  const generated = Object.entries(all).filter(([name, entry]) => entry.language === 'python' && name.startsWith('gen-py-'));
  for (const [name, entry] of generated) {
    const file = entry.editor?.files?.find((f) => f.file === PY_EDIT_FILE) ?? entry.editor?.files?.[0];
    const worst = file ? Object.entries(file.kinds).sort((a, b) => b[1].p95 - a[1].p95)[0] : undefined;
    const via = entry.editor?.via === 'server' ? 'server' : 'engine in-process, not the server';
    rows.push([
      `edit → diagnostics p95 ≤ 50 ms in the 2,000-line module, every edit kind (${name}; ${via})`,
      worst ? `worst: ${h.fmtMs(worst[1].p95)} (${Object.fromEntries(PY_EDITS.EDIT_KINDS)[worst[0]]}); ${Object.values(file.kinds).filter((k) => k.p95 <= 50).length} of ${Object.keys(file.kinds).length} kinds within` : 'not measured',
      check(worst ? worst[1].p95 <= 50 : undefined),
    ]);
  }
  for (const [name, entry] of Object.entries(all).filter(([, e]) => e.language === 'python')) {
    const ours = entry.cli?.loopguard;
    const peer = entry.cli?.pyright;
    const via = ours?.via === 'cli' ? 'CLI' : 'engine stand-in, not the CLI';
    rows.push([
      `CLI cold on ${name} ≤ 0.5x pyright (wall; CPU beside) (${via})`,
      ours?.wall && peer?.wall ? `wall ${h.fmtS(ours.wall.median)} / ${h.fmtS(peer.wall.median)} = ${h.ratio(ours.wall.median, peer.wall.median)}; CPU ${h.ratio(ours.cpu?.median, peer.cpu?.median)}` : 'not measured',
      check(ours?.wall && peer?.wall ? ours.wall.median / peer.wall.median <= 0.5 : undefined),
    ]);
  }
  return ['### Targets (issue 13: Python, ratios within this run)', '', h.table(['target', 'measured', 'status'], rows), ''].join('\n');
}
