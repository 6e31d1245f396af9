// Differential accuracy of Loop Guard's Python blocking-call and dangling-task rules against Ruff (the
// oracle), the proxy for issue 13's held-out set built from the peers' fixtures.
//
// The cases in test/accuracy/python-reference/cases/<group>.mjs are reproduced, from memory, from
// Ruff's fixtures (flake8_async/ASYNC2xx.py, ruff/RUF006.py) and flake8-async's eval files
// (async2xx.py, async300.py). The label that counts is what Ruff reports (its WebAssembly build,
// pinned in bench/peers/package.json) with ASYNC210/212/220/221/222/230/240/250/251 and RUF006
// selected, stable rules only (none of them needs preview in the pinned version). flake8-async's own
// codes that Ruff lacks (ASYNC211, 231, 232) are labelled by hand in the case text with a trailing
// `# flake8-async: ASYNCxxx` comment and measured apart. Steps:
//   1. write every case to its own file under test/accuracy/python-reference/corpus/<group>/;
//   2. run Ruff over each file; the reports are cached in test/accuracy/python-reference/labels.json;
//   3. run Loop Guard's CLI (dist/cli.js, JSON) over the corpus;
//   4. per Ruff code: found = reports with a finding of the mapped rule (ASYNC2xx → blocking-call,
//      RUF006 → dangling-task) on the report's lines; per group: false alarms = cases where the
//      family's codes report nothing and the mapped rule reports at warning or above, extra = such
//      findings on unreported lines of reported cases. A case may carry `decision: '<why>'`: its
//      mismatches are where Loop Guard deliberately differs, listed apart and not counted.
//
//   node scripts/python-reference-accuracy.mjs [--write] [--json] [--no-oracle] [--peers DIR] [--no-build]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { peersDir, percent, root } from './reference-accuracy.mjs';

export const pythonReferenceDir = path.join(root, 'test/accuracy/python-reference');
export const pythonCorpusDir = path.join(pythonReferenceDir, 'corpus');
export const pythonLabelsFile = path.join(pythonReferenceDir, 'labels.json');
const RUFF_PACKAGE = '@astral-sh/ruff-wasm-nodejs';

/** The Ruff codes measured, by family: the Loop Guard rule that covers each. */
export const FAMILIES = {
  'blocking-call': ['ASYNC210', 'ASYNC212', 'ASYNC220', 'ASYNC221', 'ASYNC222', 'ASYNC230', 'ASYNC240', 'ASYNC250', 'ASYNC251'],
  'dangling-task': ['RUF006'],
};
/** flake8-async codes Ruff lacks (labelled by hand, as every flake8-async verdict is). */
export const HAND_CODES = { ASYNC211: 'blocking-call', ASYNC231: 'blocking-call', ASYNC232: 'blocking-call', ASYNC300: 'dangling-task' };
const RULE_OF = Object.fromEntries(Object.entries(FAMILIES).flatMap(([rule, codes]) => codes.map((code) => [code, rule])));
const HAND_PREFIX = 'flake8-async ';

/** The Loop Guard rule a label's code maps to: Ruff's codes, and flake8-async's (`flake8-async ASYNC210`) by their bare code. */
function ruleOfCode(code) {
  if (!code.startsWith(HAND_PREFIX)) return RULE_OF[code];
  const bare = code.slice(HAND_PREFIX.length);
  return RULE_OF[bare] ?? HAND_CODES[bare];
}
export const BARS = { found: 0.95, falseAlarms: 0.03 };
const SEVERITY = { hint: 0, info: 1, warning: 2, error: 3 };
const HAND_LABEL = /#\s*flake8-async:\s*(ASYNC\d+)/;

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const log = (message) => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------- 1. corpus
export async function loadPythonCases() {
  const cases = [];
  const files = readdirSync(path.join(pythonReferenceDir, 'cases')).filter((name) => name.endsWith('.mjs')).sort();
  for (const name of files) {
    const group = name.replace(/\.mjs$/, '');
    const module = await import(pathToFileURL(path.join(pythonReferenceDir, 'cases', name)).href);
    module.cases.forEach((entry, index) => {
      const item = typeof entry === 'string' ? { code: entry } : entry;
      const file = `${group}/${group.replace(/\W/g, '_')}_${String(index + 1).padStart(3, '0')}.py`;
      const text = caseText(item.code);
      cases.push({ group, source: module.source, file, text, decision: item.decision, handLabels: handLabels(text) });
    });
  }
  return cases;
}

/** Dedent a template-literal case. */
function caseText(code) {
  const lines = code.replace(/^\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)[0].length));
  return `${lines.map((line) => line.slice(indent)).join('\n')}\n`;
}

function handLabels(text) {
  return text.split('\n').flatMap((line, index) => {
    const match = HAND_LABEL.exec(line);
    return match ? [{ code: `${HAND_PREFIX}${match[1]}`, line: index + 1, endLine: index + 1, message: 'labelled by hand from flake8-async' }] : [];
  });
}

function writeCorpus(cases) {
  rmSync(pythonCorpusDir, { recursive: true, force: true });
  for (const item of cases) {
    const file = path.join(pythonCorpusDir, item.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, item.text);
  }
}

// ---------------------------------------------------------------- 2. oracle
export function runRuff(cases) {
  const require = createRequire(path.join(peersDir(RUFF_PACKAGE), 'package.json'));
  const ruff = require(RUFF_PACKAGE);
  const select = Object.values(FAMILIES).flat();
  const workspace = new ruff.Workspace({ 'target-version': 'py312', lint: { select, preview: false } }, ruff.PositionEncoding.Utf16);
  const labels = { ruff: ruff.Workspace.version(), select, files: {} };
  for (const item of cases) {
    labels.files[item.file] = workspace.check(item.text).map((report) => ({
      code: report.code ?? 'syntax-error',
      line: report.start_location.row,
      endLine: report.end_location.row,
      message: report.message,
    }));
  }
  return labels;
}

// ---------------------------------------------------------------- 3. Loop Guard
export function runLoopGuardOnPython(dir = pythonCorpusDir) {
  const run = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), '.', '--format', 'json', '--max-warnings', '1000000', '-q'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`loopguard exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout).map((finding) => ({ ...finding, file: finding.file.split(path.sep).join('/') }));
}

// ---------------------------------------------------------------- 4. comparison
/** Reports and findings compared per case; pure, so the consistency test can run it on the committed labels. */
export function comparePython(cases, labels, findings) {
  const byFile = new Map();
  for (const finding of findings) {
    if (!Object.hasOwn(FAMILIES, finding.ruleId)) continue;
    if (!byFile.has(finding.file)) byFile.set(finding.file, []);
    byFile.get(finding.file).push(finding);
  }
  const handCodes = [...new Set(cases.flatMap((item) => item.handLabels.map((label) => label.code)))].filter((code) => ruleOfCode(code)).sort();
  const codes = Object.fromEntries([...Object.keys(RULE_OF), ...handCodes].map((code) => [code, { code, rule: ruleOfCode(code), hand: !RULE_OF[code], expected: 0, found: 0, foundInfo: 0, decisionMissed: 0 }]));
  const groups = new Map();
  const mismatches = [];
  const decisions = [];
  for (const item of cases) {
    const reports = [...(labels.files[item.file] ?? []), ...item.handLabels];
    const ours = byFile.get(item.file) ?? [];
    const note = (entry) => (item.decision ? decisions : mismatches).push({ ...entry, file: item.file, decision: item.decision, text: item.text });
    const seen = new Set();
    for (const report of reports) {
      const row = codes[report.code];
      if (!row || seen.has(`${report.code}@${report.line}`)) continue;
      seen.add(`${report.code}@${report.line}`);
      const hits = ours.filter((finding) => finding.ruleId === row.rule && finding.line >= report.line && finding.line <= report.endLine);
      if (item.decision && hits.length === 0) {
        row.decisionMissed++;
        note({ kind: 'missed', code: report.code, line: report.line, detail: report.message });
        continue;
      }
      row.expected++;
      if (hits.length === 0) note({ kind: 'missed', code: report.code, line: report.line, detail: report.message });
      else {
        row.found++;
        if (hits.every((finding) => SEVERITY[finding.severity] < SEVERITY.warning)) row.foundInfo++;
      }
    }
    const group = groups.get(item.group) ?? { group: item.group, source: item.source, cases: 0, valid: 0, falseAlarms: 0, extra: 0, decisions: 0, decisionValid: 0, decisionFalseAlarms: 0, warnings: 0, unreported: 0, decisionUnreported: 0 };
    groups.set(item.group, group);
    group.cases++;
    if (item.decision) group.decisions++;
    for (const rule of Object.keys(FAMILIES)) {
      const family = reports.filter((report) => ruleOfCode(report.code) === rule);
      const unmatched = ours.filter((finding) => finding.ruleId === rule && !family.some((report) => finding.line >= report.line && finding.line <= report.endLine));
      const loud = unmatched.filter((finding) => SEVERITY[finding.severity] >= SEVERITY.warning);
      for (const finding of loud) note({ kind: family.length ? 'extra' : 'false alarm', code: rule, line: finding.line, detail: finding.message });
      const warnings = ours.filter((finding) => finding.ruleId === rule && SEVERITY[finding.severity] >= SEVERITY.warning).length;
      group.warnings += warnings;
      group[item.decision ? 'decisionUnreported' : 'unreported'] += loud.length;
      if (item.decision) {
        if (family.length === 0 && groupFamily(item.group) === rule) {
          group.decisionValid++;
          if (loud.length) group.decisionFalseAlarms++;
        }
        continue;
      }
      if (family.length === 0 && groupFamily(item.group) === rule) {
        group.valid++;
        if (loud.length) group.falseAlarms++;
      } else if (family.length) group.extra += loud.length;
    }
  }
  return { codes: Object.values(codes), groups: [...groups.values()], mismatches, decisions };
}

/** The family a group's cases are about (its valid cases count for that rule's false alarms). */
function groupFamily(group) {
  return /ruf006|async300|task/i.test(group) ? 'dangling-task' : 'blocking-call';
}

function sum(rows, keys) {
  return Object.fromEntries(keys.map((key) => [key, rows.reduce((total, row) => total + row[key], 0)]));
}

export function renderPythonTables({ codes, groups }) {
  const codeLine = (name, rule, r) => `| ${name} | ${rule} | ${r.found}/${r.expected} (${percent(r.found, r.expected)}) | ${r.foundInfo} |`;
  const groupLine = (name, source, r) => `| ${name} | ${source} | ${r.cases} | ${r.valid} | ${r.falseAlarms}/${r.valid} (${percent(r.falseAlarms, r.valid)}) | ${r.extra} | ${r.decisions} |`;
  const measured = codes.filter((row) => !row.hand);
  const hand = codes.filter((row) => row.hand);
  const familyTotals = Object.keys(FAMILIES).map((rule) => codeLine(`**${rule}**`, '', sum(measured.filter((row) => row.rule === rule), ['expected', 'found', 'foundInfo'])));
  return [
    `| Ruff code | Loop Guard rule | Found (bar ≥ ${BARS.found * 100}%) | of which info only |`,
    '|---|---|---|---|',
    ...measured.map((row) => codeLine(row.code, row.rule, row)),
    ...familyTotals,
    codeLine('**all**', '', sum(measured, ['expected', 'found', 'foundInfo'])),
    '',
    "flake8-async's verdicts (labelled by hand in the cases, not part of the figures above; ASYNC211, 231 and 232 are codes Ruff lacks):",
    '',
    '| flake8-async verdict | Loop Guard rule | Found | of which info only |',
    '|---|---|---|---|',
    ...hand.map((row) => codeLine(row.code, row.rule, row)),
    '',
    `| Case group | Reproduced from | Cases | Valid for its rule | False alarms (bar ≤ ${BARS.falseAlarms * 100}%) | Extra warnings in reported cases | Decisions (not counted) |`,
    '|---|---|---|---|---|---|---|',
    ...groups.map((row) => groupLine(row.group, row.source ?? '', row)),
    groupLine('**all**', '', sum(groups, ['cases', 'valid', 'falseAlarms', 'extra', 'decisions'])),
    '',
    countingDecisions(measured, groups),
  ].join('\n');
}

/** The same figures with every decision counted against Loop Guard (each decision case as a valid or reported case). */
function countingDecisions(measured, groups) {
  const lines = Object.keys(FAMILIES).map((rule) => {
    const rows = measured.filter((row) => row.rule === rule);
    const found = sum(rows, ['found']).found;
    const expected = sum(rows, ['expected', 'decisionMissed']);
    return `${rule} found ${found}/${expected.expected + expected.decisionMissed} (${percent(found, expected.expected + expected.decisionMissed)})`;
  });
  const totals = sum(groups, ['valid', 'falseAlarms', 'decisionValid', 'decisionFalseAlarms', 'warnings', 'unreported', 'decisionUnreported']);
  const valid = totals.valid + totals.decisionValid;
  const alarms = totals.falseAlarms + totals.decisionFalseAlarms;
  const unreported = totals.unreported + totals.decisionUnreported;
  return [
    `Loop Guard's warnings of both rules on lines no label reports: ${totals.unreported}/${totals.warnings} (${percent(totals.unreported, totals.warnings)}) outside the decisions, ${unreported}/${totals.warnings} (${percent(unreported, totals.warnings)}) in all.`,
    '',
    `Counting every decision against Loop Guard: ${lines.join(', ')}; false alarms ${alarms}/${valid} (${percent(alarms, valid)}).`,
  ].join('\n');
}

export function renderPythonMismatches(list) {
  if (list.length === 0) return 'None.';
  return list
    .map((m) => {
      const line = (m.text.split('\n')[m.line - 1] ?? '').trim().slice(0, 100).replace(/`/g, "'");
      const why = m.decision ? ` **Decision:** ${m.decision}` : '';
      return `- ${m.kind} · ${m.code} · \`${m.file}:${m.line}\` \`${line}\` — ${m.detail.replace(/\s+/g, ' ').slice(0, 160)}${why}`;
    })
    .join('\n');
}

function writeResults(cases, labels, measurement) {
  const text = `# Accuracy against Ruff on the blocking-call and dangling-task families (differential)

Measured by \`npm run accuracy:python -- --write\` (\`node scripts/python-reference-accuracy.mjs\`). The
oracle is Ruff ${labels.ruff} itself (its WebAssembly build \`${RUFF_PACKAGE}\`, pinned in
\`bench/peers/package.json\`), run with \`${labels.select.join(', ')}\` selected, stable rules
only (the pinned Ruff has every one of them out of preview). ${cases.length} cases, one module each (the
\`whole_fixture_*\` ones join a group's cases into one module, as the fixture files are), reproduced from memory from Ruff's fixtures (\`flake8_async/ASYNC2xx.py\`, \`ruff/RUF006.py\`) and
flake8-async's eval files (\`async2xx.py\`, \`async300.py\`): \`cases/\`, written to \`corpus/\`. A
report of Ruff is expected; a case where the codes of its group's family report nothing is valid.
flake8-async's verdicts are labelled by hand in the case text (\`# flake8-async: ASYNCxxx\` on the
reported line) and measured apart: its codes Ruff lacks (ASYNC211, 231, 232), ASYNC300, and its own
lists where they differ from Ruff's (\`httpx2\`, urllib3 pools, \`request.urlopen\`, ...).

- **Found**: Ruff reports with a finding of the mapped rule (ASYNC2xx → \`blocking-call\`, RUF006 →
  \`dangling-task\`) on the reported lines, at any severity.
- **False alarms**: valid cases where the mapped rule reports at warning or above.
- **Extra warnings**: such findings on lines Ruff did not report, in cases where it reported something.
- **Decisions**: cases where Loop Guard deliberately differs from Ruff (each says why); their
  mismatches are listed below and are not counted (the line under the tables counts them).

What the classes were when this measurement started, and their fixes: [README.md](README.md).

${renderPythonTables(measurement)}

## Mismatches

${renderPythonMismatches(measurement.mismatches)}

## Decisions (Loop Guard differs on purpose)

${renderPythonMismatches(measurement.decisions)}
`;
  writeFileSync(path.join(pythonReferenceDir, 'RESULTS.md'), text);
  log('Wrote test/accuracy/python-reference/RESULTS.md');
}

async function main() {
  const cases = await loadPythonCases();
  writeCorpus(cases);
  let labels;
  if (flag('no-oracle')) labels = JSON.parse(readFileSync(pythonLabelsFile, 'utf8'));
  else {
    labels = runRuff(cases);
    if (flag('write')) writeFileSync(pythonLabelsFile, `${JSON.stringify(labels, null, 1)}\n`);
  }
  if (!flag('no-build')) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  const measurement = comparePython(cases, labels, runLoopGuardOnPython());
  if (flag('json')) {
    console.log(JSON.stringify(measurement, (key, value) => (key === 'text' ? undefined : value), 2));
    return;
  }
  console.log(renderPythonTables(measurement));
  console.log(`\nMismatches:\n${renderPythonMismatches(measurement.mismatches)}`);
  console.log(`\nDecisions:\n${renderPythonMismatches(measurement.decisions)}`);
  if (flag('write')) writeResults(cases, labels, measurement);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
