// Regenerates server/src/data/blocking-apis.json from the shared reference catalogue
// (../shared/reference/blocking-apis.json). The output is committed so that a clone without
// shared/ still builds; `node scripts/build-catalogue.mjs` refreshes it.
import { readFileSync, writeFileSync } from 'node:fs';

const source = JSON.parse(readFileSync(new URL('../../shared/reference/blocking-apis.json', import.meta.url), 'utf8'));

/** Names we can match by symbol: identifiers, dotted paths and Class.prototype.method. */
const MATCHABLE = /^[A-Za-z_$][\w$]*(\.(prototype\.)?[A-Za-z_$][\w$]*)*$/;
/** Catalogued as blocking but too common or too cheap to flag by default (see README). */
const NOT_FLAGGED = new Set(['global:require', 'global:require.resolve', 'global:JSON.parse', 'global:JSON.stringify', 'console:log']);

function tagsOf(note) {
  const tags = [];
  for (const match of note.matchAll(/\[([a-z+:-]+)\]/g)) tags.push(match[1]);
  return tags;
}

function shortAlternative(entry) {
  const inParens = /\((fs\.promises\.[\w.]+)\)/.exec(entry.alternative);
  if (inParens) return inParens[1];
  return entry.alternative.split(/ \/ | or |; /)[0].trim().replace(/[\s,;:]+$/, '');
}

const entries = [];
const reexports = {};
for (const entry of source) {
  const reexport = /^\*Sync \(re-exported node:(\w+)\)$/.exec(entry.name);
  if (reexport) {
    reexports[entry.module] = reexport[1];
    continue;
  }
  if (!MATCHABLE.test(entry.name) || NOT_FLAGGED.has(`${entry.module}:${entry.name}`)) continue;
  const tags = tagsOf(entry.note);
  const condition = tags.find((tag) => tag.startsWith('cond:'))?.slice('cond:'.length);
  if (condition === 'target') continue; // stdout/console: only sync for files and TTYs
  entries.push({
    module: entry.module,
    name: entry.name,
    category: entry.kind,
    alternative: shortAlternative(entry),
    cost: tags.filter((tag) => ['io', 'cpu', 'io+cpu', 'wait'].includes(tag)),
    ...(condition ? { condition } : {}),
    ...(tags.includes('low') ? { strictOnly: true } : {}),
  });
}
writeFileSync(
  new URL('../server/src/data/blocking-apis.json', import.meta.url),
  JSON.stringify({ reexports, entries }, null, 1) + '\n',
);
console.log(`wrote ${entries.length} entries, reexports: ${JSON.stringify(reexports)}`);
