#!/usr/bin/env node
// Profiles the Python editor loop without LSP: one Engine (JS/TS and Python rules) on a Python
// corpus, the edit file analysed once, then the edits of bench/python-edits.mjs (insert/remove
// pairs per kind) as overlay + analyzeFile, with the V8 profiler on for the edits only.
//
//   node bench/profile-python-edits.mjs [--corpus gen-py-1000] [--file src/app/services/big_service.py]
//                                       [--edits 40] [--kinds async-body,sync-body] [--prof OUT.cpuprofile]
// Prints p50/p95 per kind (wall and CPU time), the load average, and the engine's work counters, as JSON.
import { startCpuProfile } from './cpuProfile.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EDIT_KINDS, applyEdit, editPositions, editsFor } from './python-edits.mjs';
import { PY_EDIT_FILE } from './generate-python.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const corpus = option('corpus', 'gen-py-1000');
const root = path.join(here, 'corpora', corpus);
const file = path.join(root, option('file', corpus === 'asyncio' ? 'base_events.py' : PY_EDIT_FILE));
const editsPerKind = Number(option('edits', '40'));
const kinds = option('kinds', EDIT_KINDS.map(([kind]) => kind).join(',')).split(',');
const dist = path.resolve(option('dist', path.join(here, '..', 'dist')));
const require = createRequire(import.meta.url);
const { Engine, RULES, PYTHON_RULES, normalizeSettings, preparePython } = require(path.join(dist, 'engine.js'));

await preparePython();
const settings = normalizeSettings({}, [...RULES, ...PYTHON_RULES].map((rule) => rule.id)).settings;
const engine = new Engine({ rules: RULES, pythonRules: PYTHON_RULES, settings, root, log: () => {} });
const base = readFileSync(file, 'utf8');
const analyse = (text) => {
  engine.host.setOverlay(file, text);
  return engine.analyzeFile(file).findings;
};
let t0 = performance.now();
const firstFindings = analyse(base).length;
const firstMs = performance.now() - t0;
// A warm-up pair per kind (the first edit builds the call graph's caches).
const { positions, importSpecifier } = editPositions(file, base);

const profiler = await startCpuProfile(option('prof'));
const results = {};
const statsBefore = { ...engine.stats };
for (const kind of kinds) {
  if (positions[kind] === undefined) continue;
  const times = [];
  const cpu = [];
  let text = base;
  for (const edit of editsFor(kind, positions[kind], editsPerKind, importSpecifier)) {
    text = applyEdit(text, edit);
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    analyse(text);
    if (edit.unmeasured) continue;
    times.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  const at = (list, q) => {
    const sorted = [...list].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
  };
  // Wall time, and this thread's CPU time (less sensitive to other processes on a shared machine).
  results[kind] = { p50: at(times, 0.5), p95: at(times, 0.95), max: at(times, 1), cpuP50: at(cpu, 0.5), cpuP95: at(cpu, 0.95) };
}
await profiler.stop();
const stats = Object.fromEntries(Object.entries(engine.stats).map(([key, value]) => [key, value - statsBefore[key]]));
console.log(JSON.stringify({ corpus, file: path.relative(root, file), firstMs: Math.round(firstMs), firstFindings, load: os.loadavg()[0], results, stats }, null, 1));
