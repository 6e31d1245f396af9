// Accuracy of Loop Guard against a corpus of small cases written from the documented behaviour
// of typescript-eslint's no-floating-promises, no-misused-promises, await-thenable and return-await
// (in-try-catch), and eslint-plugin-n's no-sync (restricted to event-loop code). One CLI run
// (JSON output) over test/accuracy/corpus; per category: found (expected reports that Loop Guard
// makes) and false alarms (valid cases where any of the measured rules reports).
//
// A case is a `// @case <category> <expected>[ gap]: <description>` comment and the lines up to
// the next one. <expected> is a Loop Guard rule id or `valid`. `gap` marks a known miss or false
// alarm (listed in test/accuracy/RESULTS.md) so the test can tell new regressions from known gaps.
//
//   node scripts/accuracy.mjs           print the table and every failing case
//   node scripts/accuracy.mjs --write   also write test/accuracy/RESULTS.md
//   node scripts/accuracy.mjs --json    print the measurement as JSON
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const corpusDir = path.join(root, 'test/accuracy/corpus');
const CASE = /^\s*\/\/ @case (\S+) (\S+?)( gap)?: (.*)$/;

/** Peer rule -> Loop Guard rule(s), and the bars each category must meet. */
export const CATEGORIES = {
  'no-floating-promises': { rules: ['floating-promise'], minFound: 0.98, maxFalse: 0.02 },
  'no-misused-promises': { rules: ['unhandled-rejection', 'missing-await'], minFound: 0.98, maxFalse: 0.02 },
  'await-thenable': { rules: ['await-non-promise'], minFound: 0.98, maxFalse: 0.02 },
  'return-await': { rules: ['missing-await'], minFound: 0.98, maxFalse: 0.02 },
  'no-sync': { rules: ['blocking-call'], minFound: 0.95, maxFalse: 0.05 },
};
/** A valid case is a false alarm when any of these reports inside it. */
export const MEASURED_RULES = ['floating-promise', 'unhandled-rejection', 'missing-await', 'await-non-promise', 'blocking-call'];

export function readCases(dir = corpusDir) {
  const cases = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.[cm]?[jt]sx?$/.test(name) || name.endsWith('.d.ts')) continue;
    const lines = readFileSync(path.join(dir, name), 'utf8').split(/\r?\n/);
    let current;
    lines.forEach((line, index) => {
      const match = CASE.exec(line);
      if (!match) return;
      if (current) current.endLine = index; // 1-based last line = index (the line before this header)
      const [, category, expected, gap, description] = match;
      if (!CATEGORIES[category]) throw new Error(`${name}:${index + 1}: unknown category '${category}'`);
      if (expected !== 'valid' && !MEASURED_RULES.includes(expected)) throw new Error(`${name}:${index + 1}: unknown rule '${expected}'`);
      current = { file: name, startLine: index + 1, endLine: lines.length, category, expected, gap: !!gap, description };
      cases.push(current);
    });
  }
  return cases;
}

export function runCli(dir = corpusDir) {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'dist/cli.js'), '.', '--format', 'json', '--project', 'tsconfig.json', '--max-warnings', '100000'],
    { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0 && run.status !== 1) throw new Error(`loopguard exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

export function measure(cases = readCases(), findings = runCli()) {
  const inCase = (item, finding) => finding.file === item.file && finding.line >= item.startLine && finding.line <= item.endLine;
  const results = cases.map((item) => {
    const reported = findings.filter((finding) => inCase(item, finding) && MEASURED_RULES.includes(finding.ruleId));
    const ok = item.expected === 'valid' ? reported.length === 0 : reported.some((finding) => finding.ruleId === item.expected);
    return { ...item, ok, reported: reported.map((finding) => `${finding.ruleId}@${finding.line}:${finding.column}`) };
  });
  const outside = findings.filter((finding) => MEASURED_RULES.includes(finding.ruleId) && !cases.some((item) => inCase(item, finding)));
  const categories = Object.entries(CATEGORIES).map(([name, bars]) => {
    const mine = results.filter((item) => item.category === name);
    const invalid = mine.filter((item) => item.expected !== 'valid');
    const valid = mine.filter((item) => item.expected === 'valid');
    const found = invalid.filter((item) => item.ok).length;
    const falseAlarms = valid.filter((item) => !item.ok).length;
    const foundRate = invalid.length ? found / invalid.length : 1;
    const falseRate = valid.length ? falseAlarms / valid.length : 0;
    return {
      name,
      rules: bars.rules,
      invalid: invalid.length,
      valid: valid.length,
      found,
      falseAlarms,
      foundRate,
      falseRate,
      minFound: bars.minFound,
      maxFalse: bars.maxFalse,
      meetsBar: foundRate >= bars.minFound && falseRate <= bars.maxFalse,
    };
  });
  const perRule = MEASURED_RULES.map((rule) => {
    const expected = results.filter((item) => item.expected === rule);
    const falseIn = results.filter((item) => item.expected === 'valid' && item.reported.some((entry) => entry.startsWith(`${rule}@`)));
    return { rule, expected: expected.length, found: expected.filter((item) => item.ok).length, falseAlarms: falseIn.length };
  });
  return { cases: results, categories, perRule, outside };
}

const percent = (value) => `${(value * 100).toFixed(1)}%`;

export function renderTable(measurement) {
  const rows = measurement.categories.map(
    (c) =>
      `| ${c.name} | ${c.rules.join(', ')} | ${c.found}/${c.invalid} (${percent(c.foundRate)}) | ${c.falseAlarms}/${c.valid} (${percent(c.falseRate)}) | ≥ ${percent(c.minFound)} / ≤ ${percent(c.maxFalse)} | ${c.meetsBar ? 'met' : '**not met**'} |`,
  );
  return [
    '| Peer rule | Loop Guard rule(s) | Found | False alarms | Bar (found / false) | |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function renderFailures(measurement) {
  const failing = measurement.cases.filter((item) => !item.ok);
  if (failing.length === 0) return 'None.';
  return failing
    .map(
      (item) =>
        `- \`${item.file}:${item.startLine}\` (${item.category}, expected ${item.expected}${item.gap ? ', known gap' : ''}): ${item.description}${item.reported.length ? ` — reported ${item.reported.join(', ')}` : ''}`,
    )
    .join('\n');
}

function main() {
  const measurement = measure();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(measurement, null, 2));
    return;
  }
  console.log(renderTable(measurement));
  console.log('\nPer Loop Guard rule:');
  for (const rule of measurement.perRule) console.log(`  ${rule.rule}: found ${rule.found}/${rule.expected}, false alarms in ${rule.falseAlarms} valid case(s)`);
  console.log(`\nCases not as expected:\n${renderFailures(measurement)}`);
  if (measurement.outside.length) console.log(`\nFindings outside any case: ${measurement.outside.map((f) => `${f.file}:${f.line} ${f.ruleId}`).join(', ')}`);
  const unmarked = measurement.cases.filter((item) => !item.ok && !item.gap);
  const stale = measurement.cases.filter((item) => item.ok && item.gap);
  if (unmarked.length) console.log(`\n${unmarked.length} failing case(s) are not marked 'gap'.`);
  if (stale.length) console.log(`\n${stale.length} case(s) marked 'gap' now pass: remove the mark.`);
  if (process.argv.includes('--write')) writeResults(measurement);
}

function writeResults(measurement) {
  const total = measurement.cases.length;
  const invalid = measurement.cases.filter((item) => item.expected !== 'valid').length;
  const text = `# Regression corpus (not an accuracy figure)

This corpus and its labels were written by this project, so agreement with it says nothing about
accuracy: it guards against regressions. Agreement with typescript-eslint itself (its verdicts on
cases recalled from its own tests) is in [reference/RESULTS.md](reference/RESULTS.md)
(\`npm run accuracy:reference\`); precision on real projects is judged by hand (README, "Accuracy").

Measured by \`node scripts/accuracy.mjs --write\` (one CLI run, JSON output) over \`test/accuracy/corpus/\`:
${total} cases (${invalid} that should be reported, ${total - invalid} valid), written for this project from the
documented behaviour of typescript-eslint's \`no-floating-promises\`, \`no-misused-promises\`
(checksVoidReturn, checksConditionals, checksSpreads), \`await-thenable\`, \`return-await\`
(in-try-catch) and eslint-plugin-n's \`no-sync\` (restricted to code that runs on the event loop:
start-up code is valid). \`test/accuracy/accuracy.test.mjs\` asserts these figures.

- **Found**: cases that should be reported where the mapped Loop Guard rule reports inside the case.
- **False alarms**: valid cases where any of ${MEASURED_RULES.map((rule) => `\`${rule}\``).join(', ')} reports.

${renderTable(measurement)}

Per Loop Guard rule:

| Rule | Found | Valid cases it reported in |
|---|---|---|
${measurement.perRule.map((rule) => `| ${rule.rule} | ${rule.found}/${rule.expected} | ${rule.falseAlarms} |`).join('\n')}

## Cases not as expected

${renderFailures(measurement)}

## Reading these figures

- The corpus was written by the same project as the rules, from the peers' documentation, not
  taken from their test suites; it measures agreement with documented behaviour on small cases,
  not the rate on real code. Cases the peers treat differently by design are left out, except
  where the difference is listed above as a known gap.
- Out of scope by design: typescript-eslint's \`checkThenables\` (we report every thenable),
  \`await null\` (a deliberate tick here), the "must not await" half of return-await
  in-try-catch (a style choice), and no-sync outside event-loop code (start-up code may block).
- JSX handlers follow \`loopguard.jsxHandlers\` (default "whenUnguarded"): an async handler whose
  body cannot reject outside try/catch is not reported, though typescript-eslint's
  checksVoidReturn would report it; such cases are not in the corpus.
- Real code, checked by hand (not in these figures): the JS of vscode-jsonrpc, vscode-languageclient,
  vscode-languageserver, fastq, fast-glob, globby, cockatiel, @vscode/vsce, agent-base and the
  TypeScript sources of @azure/msal-node, -common and -browser. False alarms found there and fixed:
  fastq's \`queue.push = push\` (unhandled-rejection and await-non-promise trusted types JS
  inference took from the replaced member), and vscode-jsonrpc's async \`new Promise\` executor
  whose await sits in a try whose catch rejects through \`responsePromise.reject\`.
`;
  writeFileSync(path.join(root, 'test/accuracy/RESULTS.md'), text);
  console.log('\nWrote test/accuracy/RESULTS.md');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
