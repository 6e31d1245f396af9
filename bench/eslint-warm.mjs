#!/usr/bin/env node
// The warm-ESLint peer of the editor loop: one ESLint instance (Node API, typed linting with
// typescript-eslint's `project`) re-lints a file's edited text after each of the same edits
// bench/editor-real.mjs makes (bench/real-edits.mjs), as vscode-eslint does with `lintText`.
//
//   node bench/eslint-warm.mjs --root CORPUS --file src/x.ts --edits N   (cwd: the corpus, with its eslint.config.mjs)
// Prints one JSON line: { firstMs, kinds: { kind: { times: [...], cpu: [...] } }, maxRssKb }.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EDIT_KINDS, applyEdit, editPositions, editsFor } from './real-edits.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const root = path.resolve(option('root', process.cwd()));
const file = path.join(root, option('file'));
const count = Number(option('edits', '20'));
const require = createRequire(path.join(here, 'peers/package.json'));
const { ESLint } = require('eslint');

const eslint = new ESLint({ cwd: root });
let text = readFileSync(file, 'utf8');
const lint = async () => {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await eslint.lintText(text, { filePath: file });
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t0, cpu: (used.user + used.system) / 1000 };
};
const first = await lint();
const { positions, importSpecifier } = editPositions(file, text);
const kinds = {};
for (const [kind] of EDIT_KINDS) {
  if (positions[kind] === undefined) continue;
  const times = [];
  const cpu = [];
  for (const edit of editsFor(kind, positions[kind], count, importSpecifier)) {
    text = applyEdit(text, edit);
    const sample = await lint();
    if (edit.unmeasured) continue;
    times.push(sample.ms);
    cpu.push(sample.cpu);
  }
  kinds[kind] = { times, cpu };
  process.stderr.write(`  warm ESLint ${kind}: ${times.length} re-lints\n`);
}
console.log(JSON.stringify({ firstMs: first.ms, kinds, maxRssKb: process.resourceUsage().maxRSS }));
