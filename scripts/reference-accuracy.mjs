// Differential accuracy of Loop Guard against the real typescript-eslint (the oracle).
//
// The cases in test/accuracy/reference/cases/<rule>.mjs are reproduced, from memory, from
// typescript-eslint's own rule tests (no-floating-promises, no-misused-promises, await-thenable,
// return-await). Their valid/invalid split there is only a recollection: the label that counts is
// the one typescript-eslint 8 gives when it runs over the case, with each rule's default options
// (no-floating-promises: checkThenables false, ignoreVoid true, ignoreIIFE false;
// no-misused-promises: checksVoidReturn all on, checksConditionals, checksSpreads;
// return-await: 'in-try-catch'). Steps:
//   1. write every case to its own file under test/accuracy/reference/corpus/<strict|nostrict>/<rule>/
//      (strict: tsconfig with strict on; nostrict: strict on but strictNullChecks off);
//   2. run ESLint + typescript-eslint over the corpus (all four rules on every file): each report is an
//      expected report for its rule; the reports are cached in test/accuracy/reference/labels.json;
//   3. run Loop Guard's CLI (dist/cli.js, JSON) over the same files;
//   4. per reference rule: found = expected reports matched by a mapped Loop Guard finding on one of
//      the report's lines (any severity; found-at-info counted apart); false alarms = valid cases of
//      the rule's group (files where the rule reports nothing) where a mapped rule reports at warning
//      or above on a line no reference rule reported (info findings counted apart).
//
//   node scripts/reference-accuracy.mjs [--write] [--json] [--no-oracle] [--peers DIR] [--no-build]
//
// --no-oracle reuses labels.json instead of running ESLint. The peers (ESLint 10, typescript-eslint
// 8, TypeScript 6, pinned in bench/peers/package.json) are taken from --peers DIR, $LOOPGUARD_PEERS,
// or installed with `npm ci` on first use into <os tmpdir>/loopguard-peers-<hash of the lockfile>.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const referenceDir = path.join(root, 'test/accuracy/reference');
export const corpusDir = path.join(referenceDir, 'corpus');
const labelsFile = path.join(referenceDir, 'labels.json');

/** Reference rule -> Loop Guard rules that cover it. */
export const RULES = {
  'no-floating-promises': ['floating-promise'],
  'no-misused-promises': ['unhandled-rejection', 'missing-await'],
  'await-thenable': ['await-non-promise'],
  'return-await': ['missing-await'],
};
/** Reports whose kind another Loop Guard rule covers, by `<rule>.<messageId>`. */
const BY_MESSAGE = {
  // `return await 1`: the await half is await-thenable's business
  'return-await.nonPromiseAwait': ['await-non-promise', 'missing-await'],
};
/** Report kinds left out of the found rate (listed apart): the "must not await" style half of in-try-catch. */
const STYLE_ONLY = new Set(['return-await.disallowedPromiseAwait']);
const BARS = { found: 0.98, falseAlarms: 0.02 };
const SEVERITY = { hint: 0, info: 1, warning: 2, error: 3 };

const TSCONFIG = (strictNullChecks) => ({
  compilerOptions: {
    target: 'ES2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    lib: ['ESNext', 'DOM'],
    types: [],
    strict: true,
    ...(strictNullChecks ? {} : { strictNullChecks: false }),
    allowJs: true,
    checkJs: false,
    jsx: 'preserve',
    noEmit: true,
    skipLibCheck: true,
  },
  include: ['**/*'],
});

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
};
const log = (message) => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------- 1. corpus
export async function loadCases() {
  const cases = [];
  for (const rule of Object.keys(RULES)) {
    const module = await import(pathToFileURL(path.join(referenceDir, 'cases', `${rule}.mjs`)).href);
    for (const recalled of ['valid', 'invalid']) {
      module[recalled].forEach((entry, index) => {
        const item = typeof entry === 'string' ? { code: entry } : entry;
        const ext = item.ext ?? 'ts';
        const variant = item.strictNullChecks === false ? 'nostrict' : 'strict';
        const name = `${recalled}-${String(index + 1).padStart(3, '0')}.${ext}`;
        cases.push({ rule, recalled, variant, file: `${variant}/${rule}/${name}`, code: item.code, note: item.note });
      });
    }
  }
  return cases;
}

/** Dedent a template-literal case and make it a module, so cases do not share a global scope. */
function caseText(code) {
  const lines = code.replace(/^\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)[0].length));
  const body = lines.map((line) => line.slice(indent)).join('\n');
  return /^\s*(import|export)\s/m.test(body) ? `${body}\n` : `${body}\nexport {};\n`;
}

export function writeCorpus(cases) {
  rmSync(corpusDir, { recursive: true, force: true });
  for (const variant of ['strict', 'nostrict']) {
    mkdirSync(path.join(corpusDir, variant), { recursive: true });
    writeFileSync(path.join(corpusDir, variant, 'tsconfig.json'), `${JSON.stringify(TSCONFIG(variant === 'strict'), null, 2)}\n`);
  }
  for (const item of cases) {
    const file = path.join(corpusDir, item.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, caseText(item.code));
  }
}

// ---------------------------------------------------------------- 2. oracle
/** The pinned peers (bench/peers), installed on first use; `marker` is a package that must be there. */
export function peersDir(marker = 'typescript-eslint') {
  const lock = readFileSync(path.join(root, 'bench/peers/package-lock.json'));
  const cache = path.join(os.tmpdir(), `loopguard-peers-${createHash('sha1').update(lock).digest('hex').slice(0, 10)}`);
  const dir = path.resolve(option('peers') ?? process.env.LOOPGUARD_PEERS ?? cache);
  if (!existsSync(path.join(dir, 'node_modules', marker, 'package.json'))) {
    log(`Installing the peers (bench/peers: ESLint, typescript-eslint, TypeScript 6, Ruff, ...) into ${dir} ...`);
    mkdirSync(dir, { recursive: true });
    for (const name of ['package.json', 'package-lock.json']) copyFileSync(path.join(root, 'bench/peers', name), path.join(dir, name));
    const run = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' });
    if (run.status !== 0) throw new Error(`npm ci failed in ${dir}`);
  }
  return dir;
}

export async function runOracle(cases) {
  const dir = peersDir();
  const require = createRequire(path.join(dir, 'package.json'));
  const { ESLint } = await import(pathToFileURL(require.resolve('eslint')).href);
  const tseslint = (await import(pathToFileURL(require.resolve('typescript-eslint')).href)).default;
  const labels = {};
  for (const variant of ['strict', 'nostrict']) {
    const cwd = path.join(corpusDir, variant);
    const files = cases.filter((item) => item.variant === variant).map((item) => item.file.slice(variant.length + 1));
    if (files.length === 0) continue;
    const eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}'],
          languageOptions: {
            parser: tseslint.parser,
            parserOptions: { project: './tsconfig.json', tsconfigRootDir: cwd, ecmaFeatures: { jsx: true } },
          },
          plugins: { '@typescript-eslint': tseslint.plugin },
          linterOptions: { reportUnusedDisableDirectives: 'off' },
          rules: Object.fromEntries(Object.keys(RULES).map((rule) => [`@typescript-eslint/${rule}`, 'error'])),
        },
      ],
    });
    for (const result of await eslint.lintFiles(files)) {
      const file = path.relative(corpusDir, result.filePath).split(path.sep).join('/');
      labels[file] = result.messages.map((message) => ({
        rule: (message.ruleId ?? 'parse-error').replace('@typescript-eslint/', ''),
        messageId: message.messageId,
        line: message.line,
        endLine: message.endLine ?? message.line,
        message: message.message,
      }));
    }
  }
  return labels;
}

// ---------------------------------------------------------------- 3. Loop Guard
export function runLoopGuard() {
  const findings = [];
  for (const variant of ['strict', 'nostrict']) {
    const cwd = path.join(corpusDir, variant);
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'dist/cli.js'), '.', '--format', 'json', '--project', 'tsconfig.json', '--max-warnings', '1000000', '-q'],
      { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    if (run.status !== 0 && run.status !== 1) throw new Error(`loopguard exited with ${run.status}: ${run.stderr}`);
    for (const finding of JSON.parse(run.stdout)) findings.push({ ...finding, file: `${variant}/${finding.file.split(path.sep).join('/')}` });
  }
  return findings;
}

// ---------------------------------------------------------------- 4. comparison
export function compare(cases, labels, findings) {
  const byFile = new Map();
  for (const finding of findings) {
    if (!byFile.has(finding.file)) byFile.set(finding.file, []);
    byFile.get(finding.file).push(finding);
  }
  const rows = [];
  const mismatches = [];
  for (const [rule, mapped] of Object.entries(RULES)) {
    const row = { rule, mapped, expected: 0, found: 0, foundInfo: 0, styleOnly: 0, styleFound: 0, validCases: 0, falseAlarms: 0, infoOnValid: 0, extra: 0, recalledWrong: [], parseErrors: 0 };
    for (const item of cases) {
      const reports = labels[item.file] ?? [];
      const lgAll = byFile.get(item.file) ?? [];
      const lg = lgAll.filter((finding) => mapped.includes(finding.ruleId));
      // expected reports of this rule, in any file (a case of another rule's group may also trigger it)
      // one expected report per rule, kind and line (Promise.all([1, 2]) gives one report per element)
      const seen = new Set();
      for (const report of reports.filter((r) => r.rule === rule)) {
        const key = `${report.messageId}@${report.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const kind = `${rule}.${report.messageId}`;
        const rules = BY_MESSAGE[kind] ?? mapped;
        const hits = lgAll.filter((finding) => rules.includes(finding.ruleId) && finding.line >= report.line && finding.line <= report.endLine);
        if (STYLE_ONLY.has(kind)) {
          row.styleOnly++;
          if (hits.length) row.styleFound++;
          continue;
        }
        row.expected++;
        if (hits.length === 0) {
          mismatches.push({ kind: 'missed', rule, file: item.file, line: report.line, detail: `${report.messageId}: ${report.message}`, code: item.code });
        } else {
          row.found++;
          if (hits.every((finding) => SEVERITY[finding.severity] < SEVERITY.warning)) row.foundInfo++;
        }
      }
      if (item.rule !== rule) continue;
      if (reports.some((r) => r.rule === 'parse-error' || r.rule === null)) row.parseErrors++;
      const own = reports.filter((r) => r.rule === rule);
      const isValid = own.length === 0;
      if ((item.recalled === 'valid') !== isValid) row.recalledWrong.push(item.file);
      const reportedLines = (finding) => reports.some((r) => r.rule !== 'parse-error' && finding.line >= r.line && finding.line <= r.endLine);
      const unmatched = lg.filter((finding) => !reportedLines(finding));
      const loud = unmatched.filter((finding) => SEVERITY[finding.severity] >= SEVERITY.warning);
      if (isValid) {
        row.validCases++;
        if (loud.length) {
          row.falseAlarms++;
          for (const finding of loud) mismatches.push({ kind: 'false alarm', rule, file: item.file, line: finding.line, detail: `${finding.ruleId} (${finding.severity}): ${finding.message}`, code: item.code });
        } else if (unmatched.length) {
          row.infoOnValid++;
          for (const finding of unmatched) mismatches.push({ kind: 'info on valid', rule, file: item.file, line: finding.line, detail: `${finding.ruleId} (${finding.severity}): ${finding.message}`, code: item.code });
        }
      } else if (loud.length) {
        row.extra += loud.length;
        for (const finding of loud) mismatches.push({ kind: 'extra', rule, file: item.file, line: finding.line, detail: `${finding.ruleId} (${finding.severity}): ${finding.message}`, code: item.code });
      }
    }
    rows.push(row);
  }
  return { rows, mismatches };
}

export const percent = (part, whole) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');

export function renderTable({ rows }) {
  const total = rows.reduce(
    (sum, row) => Object.fromEntries(Object.keys(sum).map((key) => [key, sum[key] + row[key]])),
    { expected: 0, found: 0, foundInfo: 0, styleOnly: 0, styleFound: 0, validCases: 0, falseAlarms: 0, infoOnValid: 0, extra: 0 },
  );
  const line = (name, mapped, r) =>
    `| ${name} | ${mapped} | ${r.found}/${r.expected} (${percent(r.found, r.expected)}) | ${r.foundInfo} | ${r.falseAlarms}/${r.validCases} (${percent(r.falseAlarms, r.validCases)}) | ${r.infoOnValid} | ${r.extra} | ${r.styleOnly ? `${r.styleFound}/${r.styleOnly}` : ''} |`;
  return [
    `| Reference rule | Loop Guard rule(s) | Found (bar ≥ ${BARS.found * 100}%) | of which info only | False alarms on valid cases (bar ≤ ${BARS.falseAlarms * 100}%) | Valid cases with info only | Extra warnings in invalid cases | Not measured: "must not await" reports found |`,
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => line(row.rule, row.mapped.join(', '), row)),
    line('**all**', '', total),
  ].join('\n');
}

export function renderMismatches({ mismatches }) {
  if (mismatches.length === 0) return 'None.';
  const firstLine = (code, line) => {
    const text = caseText(code).split('\n')[line - 1] ?? '';
    return text.trim().slice(0, 110);
  };
  return mismatches
    .map((m) => `- ${m.kind} · ${m.rule} · \`${m.file}:${m.line}\` \`${firstLine(m.code, m.line).replace(/`/g, "'")}\` — ${m.detail.replace(/\s+/g, ' ').slice(0, 200)}`)
    .join('\n');
}

function writeResults(cases, labels, measurement) {
  const count = (variant) => cases.filter((item) => item.variant === variant).length;
  const perRule = Object.keys(RULES)
    .map((rule) => {
      const mine = cases.filter((item) => item.rule === rule);
      const invalid = mine.filter((item) => (labels[item.file] ?? []).some((r) => r.rule === rule)).length;
      return `| ${rule} | ${mine.length} | ${invalid} | ${mine.length - invalid} |`;
    })
    .join('\n');
  const text = `# Accuracy against typescript-eslint (differential)

Measured by \`node scripts/reference-accuracy.mjs --write\`. The oracle is typescript-eslint 8
itself (ESLint 10, TypeScript 6.0, pinned in \`bench/peers/package.json\`), run with each rule's
default options over ${cases.length} small cases (${count('strict')} with \`strict\`, ${count('nostrict')} with
\`strictNullChecks\` off) reproduced from memory from typescript-eslint's own tests of
\`no-floating-promises\`, \`no-misused-promises\`, \`await-thenable\` and \`return-await\`
(\`test/accuracy/reference/cases/\`, written one case a file to \`corpus/\`). A case is expected for a
rule when typescript-eslint reports it; it is valid for its rule otherwise. Unlike
\`test/accuracy/RESULTS.md\`, the labels are not this project's: only the cases are (recalled from the
reference's tests, plus the classes of issue 9). Mismatch classes: \`README.md\` here.

| Rule group | Cases | Reported by the oracle | Valid |
|---|---|---|---|
${perRule}

- **Found**: reports of the reference rule (in any case file) with a finding of a mapped Loop Guard rule
  on the reported lines, at any severity ("of which info only": only at info or hint).
- **False alarms**: valid cases of the rule's group where a mapped Loop Guard rule reports at warning
  or above on a line no reference rule reported. Info-only findings there are counted apart.
- **Extra warnings**: warnings of the mapped rules in invalid cases on lines the reference did not report.

${renderTable(measurement)}

The "must not await" half of return-await's in-try-catch (\`disallowedPromiseAwait\`: \`return await p\`
outside try) is a style choice Loop Guard leaves out by design; those reports are counted in the last
column, not in Found. \`return await 1\` (\`nonPromiseAwait\`) is matched by \`await-non-promise\` or
\`missing-await\`.

## Mismatches

${renderMismatches(measurement)}

## Cases my recollection placed on the other side

The cases were recalled from typescript-eslint's tests; where the oracle disagrees with the side they
were recalled on, the oracle's label is used. These files: ${measurement.rows.flatMap((row) => row.recalledWrong).map((file) => `\`${file}\``).join(', ') || 'none'}.
`;
  writeFileSync(path.join(referenceDir, 'RESULTS.md'), text);
  log('Wrote test/accuracy/reference/RESULTS.md');
}

async function main() {
  const cases = await loadCases();
  writeCorpus(cases);
  let labels;
  if (flag('no-oracle')) labels = JSON.parse(readFileSync(labelsFile, 'utf8'));
  else {
    labels = await runOracle(cases);
    writeFileSync(labelsFile, `${JSON.stringify(labels, null, 1)}\n`);
  }
  if (!flag('no-build')) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  const findings = runLoopGuard();
  const measurement = compare(cases, labels, findings);
  if (flag('json')) {
    console.log(JSON.stringify(measurement, null, 2));
    return;
  }
  console.log(renderTable(measurement));
  const wrong = measurement.rows.map((row) => `${row.rule}: ${row.recalledWrong.length}`).join(', ');
  log(`\nCases whose recalled label differs from the oracle's (the oracle wins): ${wrong}`);
  const parse = measurement.rows.reduce((sum, row) => sum + row.parseErrors, 0);
  if (parse) log(`${parse} case(s) did not parse`);
  console.log(`\nMismatches:\n${renderMismatches(measurement)}`);
  if (flag('write')) writeResults(cases, labels, measurement);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
