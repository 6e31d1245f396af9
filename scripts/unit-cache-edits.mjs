// Per-edit work of the per-unit findings cache on one large real file, in process (no LSP):
// for each kind of edit, three successive edits, each followed by engine.analyzeFile; prints the
// time and the units analysed/reused per edit (median, min, max).
//
//   node scripts/unit-cache-edits.mjs <project folder> <file relative to it> [dist folder]
//   e.g. node scripts/unit-cache-edits.mjs /tmp/typeorm src/query-builder/SelectQueryBuilder.ts
//
// The project is a copy of ../shared/corpora/typeorm with its dependencies installed (see its
// README); it is never edited on disk (edits are editor overlays).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { EDIT_KINDS } from '../test/helpers/editKinds.mjs';

const [root, relative, dist = path.resolve(import.meta.dirname, '../dist')] = process.argv.slice(2);
if (!root || !relative) {
  console.error('usage: node scripts/unit-cache-edits.mjs <project folder> <file relative to it> [dist folder]');
  process.exit(2);
}
const { Engine, RULES, normalizeSettings } = createRequire(import.meta.url)(path.join(path.resolve(dist), 'engine.js'));
const file = path.resolve(root, relative);
const base = readFileSync(file, 'utf8');
const settings = normalizeSettings({}, RULES.map((rule) => rule.id)).settings;
const engine = new Engine({ rules: RULES, settings, root, log: () => {} });
console.log(`load ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
let started = performance.now();
engine.analyzeFile(file);
console.log(`${relative}: first analysis ${Math.round(performance.now() - started)} ms`);
const stats = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return `${sorted[1]} (${sorted[0]}-${sorted[2]})`;
};
for (const kind of EDIT_KINDS) {
  engine.host.setOverlay(file, base);
  engine.analyzeFile(file);
  const times = [];
  const analysed = [];
  const reused = [];
  for (let run = 1; run <= 3; run++) {
    const text = kind.edit(base, run);
    engine.host.setOverlay(file, text);
    const before = { ...engine.stats };
    started = performance.now();
    engine.analyzeFile(file);
    times.push(Math.round(performance.now() - started));
    analysed.push(engine.stats.unitsAnalysed - before.unitsAnalysed);
    reused.push(engine.stats.unitsReused - before.unitsReused);
  }
  console.log(`${kind.name.padEnd(20)} ms ${stats(times).padEnd(18)} units analysed ${stats(analysed).padEnd(16)} reused ${stats(reused)}`);
}
console.log(`load ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
