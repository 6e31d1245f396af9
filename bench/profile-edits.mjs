#!/usr/bin/env node
// Profiles the editor loop without LSP: one Engine on a corpus, analyse the busy file, then N
// single-character edits (overlay + analyzeFile), with the V8 profiler on for the edits only.
//
//   node bench/profile-edits.mjs [--corpus gen-1000] [--edits 100] [--file services/busy.ts]
//                                [--kind "end of file"] [--prof OUT.cpuprofile] [--dist DIR]
// --kind: instead of typing a line, alternate one kind of edit of test/helpers/editKinds.mjs (made
// and undone) on the file, e.g. `--corpus typeorm --file src/query-builder/SelectQueryBuilder.ts`.
// Prints p50/p95 of the edit times and the host's work counters as JSON.
import { startCpuProfile } from './cpuProfile.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUSY_FILE } from './generate.mjs';
import { EDIT_KINDS } from '../test/helpers/editKinds.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const root = path.join(here, 'corpora', option('corpus', 'gen-1000'));
const edits = Number(option('edits', '100'));
const file = path.join(root, option('file', BUSY_FILE));
const dist = path.resolve(option('dist', path.join(here, '..', 'dist')));
const require = createRequire(import.meta.url);
const { Engine, RULES, normalizeSettings } = require(path.join(dist, 'engine.js'));

const settings = normalizeSettings({}, RULES.map((rule) => rule.id)).settings;
const engine = new Engine({ rules: RULES, settings, root });
let text = readFileSync(file, 'utf8');
const t0 = performance.now();
engine.host.setOverlay(file, text);
const first = engine.analyzeFile(file);
const firstMs = performance.now() - t0;

const profiler = await startCpuProfile(option('prof'));
const lines = text.split('\n');
let offset = option('kind') ? 0 : lines.slice(0, lines.findIndex((l) => l.includes('await delay')) + 1).join('\n').length + 1;
const typed = "    logger.info('refreshed', ids.length, this.cache.size);\n";
const times = [];
const programTimes = [];
const cpuTimes = [];
const before = { ...engine.host.stats };
const kind = option('kind') && EDIT_KINDS.find((candidate) => candidate.name === option('kind'));
if (option('kind') && !kind) throw new Error(`--kind: one of ${EDIT_KINDS.map((candidate) => candidate.name).join(', ')}`);
const base = text;
for (let i = 0; i < edits; i++) {
  if (kind) {
    text = i % 2 === 0 ? kind.edit(base, i) : base;
  } else {
    const ch = typed[i % typed.length];
    text = text.slice(0, offset) + ch + text.slice(offset);
    offset++;
  }
  const start = performance.now();
  const cpu = process.cpuUsage();
  engine.host.setOverlay(file, text);
  engine.host.program(engine.host.projectFor(file));
  programTimes.push(performance.now() - start);
  engine.analyzeFile(file);
  times.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1000);
}
await profiler.stop();
const pctOf = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const pct = (p) => pctOf(times, p);
const sorted = [...times].sort((a, b) => a - b);
const after = engine.host.stats;
const delta = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, typeof v === 'number' && typeof before[k] === 'number' ? v - before[k] : v]));
console.log(JSON.stringify({ corpus: path.basename(root), firstMs: Math.round(firstMs), firstFindings: first.findings.length, edits, p50: +pct(50).toFixed(1), p95: +pct(95).toFixed(1), max: +sorted.at(-1).toFixed(1), cpuP50: +pctOf(cpuTimes, 50).toFixed(1), cpuP95: +pctOf(cpuTimes, 95).toFixed(1), programP50: +pctOf(programTimes, 50).toFixed(1), programP95: +pctOf(programTimes, 95).toFixed(1), stats: delta, engine: engine.stats, heapMb: Math.round(process.memoryUsage().heapUsed / 1048576), rssMb: Math.round(process.memoryUsage().rss / 1048576) }));
