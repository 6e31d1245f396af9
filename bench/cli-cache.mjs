// `loopguard --cache` on a real project: whole-process time of an uncached run, a cold cached run
// (no cache file), a warm run over the unchanged project, and warm runs after editing one leaf file
// (imported by one file) and one widely imported file. Each edit appends a new comment, so every
// timed run sees a change; the files are restored at the end. Also prints what each run did
// (programs built, files reused / analysed) from the CLI's LOOPGUARD_TEST_STATS line.
//
//   node bench/cli-cache.mjs <project> [--runs 3] [--leaf src/commands/VersionCommand.ts] [--hub src/util/OrmUtils.ts] [--paths src]
//
// <project> is a copy you may write to (the shared typeorm corpus: copy it to a scratch folder and
// `npm install` there first, see its README). The defaults name typeorm's files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    leaf: { type: 'string', default: 'src/commands/VersionCommand.ts' },
    hub: { type: 'string', default: 'src/util/OrmUtils.ts' },
    paths: { type: 'string', default: 'src' },
  },
});
const project = positionals[0] && path.resolve(positionals[0]);
if (!project || !fs.existsSync(project)) {
  process.stderr.write('usage: node bench/cli-cache.mjs <project copy> [--runs 3] [--leaf <file>] [--hub <file>] [--paths <folder>]\n');
  process.exit(2);
}
const runs = Number(values.runs);
const cli = path.resolve(fileURLToPath(import.meta.url), '../../dist/cli.js');
const cacheFile = path.join(project, '.loopguard-bench-cache');

function loopguard(cached) {
  const args = [cli, values.paths, '--format', 'json', '--quiet', ...(cached ? ['--cache-location', cacheFile] : [])];
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, LOOPGUARD_TEST_STATS: '1' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && result.status !== 1) throw new Error(`loopguard exited ${result.status}:\n${result.stderr}`);
  const stats = JSON.parse(/^loopguard: stats: (.*)$/m.exec(result.stderr)[1]);
  return { seconds, stats, findings: JSON.parse(result.stdout).length };
}

const originals = new Map();
let edits = 0;
function edit(file) {
  const absolute = path.join(project, file);
  if (!originals.has(absolute)) originals.set(absolute, fs.readFileSync(absolute, 'utf8'));
  fs.writeFileSync(absolute, `${originals.get(absolute)}\n// loopguard bench edit ${++edits}\n`);
}

const scenarios = [
  { name: 'uncached (no --cache)', before: () => {}, cached: false },
  { name: 'cold cache (no cache file)', before: () => fs.rmSync(cacheFile, { force: true }), cached: true },
  { name: 'warm, nothing changed', before: () => {}, cached: true },
  { name: `warm, leaf edited (${values.leaf})`, before: () => edit(values.leaf), cached: true },
  { name: `warm, hub edited (${values.hub})`, before: () => edit(values.hub), cached: true },
];

const rows = [];
try {
  for (const scenario of scenarios) {
    // Every warm scenario starts from a cache of the current texts.
    if (scenario.cached && !scenario.name.startsWith('cold')) loopguard(true);
    const samples = [];
    for (let i = 0; i < runs; i++) {
      scenario.before();
      samples.push(loopguard(scenario.cached));
    }
    const seconds = samples.map((sample) => sample.seconds).sort((a, b) => a - b);
    const last = samples.at(-1);
    rows.push({ ...scenario, median: seconds[Math.floor(seconds.length / 2)], min: seconds[0], max: seconds.at(-1), stats: last.stats, findings: last.findings });
  }
} finally {
  for (const [file, text] of originals) fs.writeFileSync(file, text);
  fs.rmSync(cacheFile, { force: true });
}

const base = rows[0].median;
console.log(`loopguard --cache on ${project} (${runs} runs each, whole process, seconds)\n`);
console.log('| run | median s | min–max s | vs uncached | programs built | files reused / analysed | findings |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.median.toFixed(2)} | ${row.min.toFixed(2)}–${row.max.toFixed(2)} | ${(row.median / base).toFixed(2)} | ${row.stats.programsCreated} | ${row.stats.cacheHits} / ${row.stats.cacheMisses} | ${row.findings} |`,
  );
}
