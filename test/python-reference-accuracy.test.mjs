// The differential measurement against Ruff (scripts/python-reference-accuracy.mjs) stays consistent
// without running Ruff: the committed corpus is what the cases make, labels.json labels exactly those
// files, RESULTS.md's tables are what Loop Guard gives on the corpus today (re-write them with
// `npm run accuracy:python -- --no-oracle --write` after a change), and both families meet issue 13's
// bars (found ≥ 95%, false alarms ≤ 3%).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  BARS,
  FAMILIES,
  comparePython,
  loadPythonCases,
  pythonCorpusDir,
  pythonLabelsFile,
  pythonReferenceDir,
  renderPythonTables,
  runLoopGuardOnPython,
} from '../scripts/python-reference-accuracy.mjs';

const MIN_CASES = 150;
const cases = await loadPythonCases();
const labels = JSON.parse(readFileSync(pythonLabelsFile, 'utf8'));

test(`at least ${MIN_CASES} cases`, () => {
  assert.ok(cases.length >= MIN_CASES, `only ${cases.length} cases`);
});

test('the committed corpus is what the cases make', () => {
  const onDisk = readdirSync(pythonCorpusDir, { recursive: true })
    .map((name) => name.split(path.sep).join('/'))
    .filter((name) => name.endsWith('.py'))
    .sort();
  assert.deepEqual(onDisk, cases.map((item) => item.file).sort());
  for (const item of cases) assert.equal(readFileSync(path.join(pythonCorpusDir, item.file), 'utf8'), item.text, item.file);
});

test('labels.json labels exactly the cases, with the measured codes only', () => {
  assert.deepEqual(Object.keys(labels.files).sort(), cases.map((item) => item.file).sort());
  const measured = new Set(Object.values(FAMILIES).flat());
  for (const [file, reports] of Object.entries(labels.files)) {
    for (const report of reports) assert.ok(measured.has(report.code), `${file}:${report.line} ${report.code}`);
  }
});

test('RESULTS.md shows what Loop Guard gives on the corpus today, and both families meet the bars', () => {
  const measurement = comparePython(cases, labels, runLoopGuardOnPython());
  const results = readFileSync(path.join(pythonReferenceDir, 'RESULTS.md'), 'utf8');
  assert.ok(results.includes(renderPythonTables(measurement)), 'RESULTS.md is stale: run `npm run accuracy:python -- --no-oracle --write`');
  for (const rule of Object.keys(FAMILIES)) {
    const rows = measurement.codes.filter((row) => row.rule === rule && !row.hand);
    const expected = rows.reduce((sum, row) => sum + row.expected, 0);
    const found = rows.reduce((sum, row) => sum + row.found, 0);
    assert.ok(found / expected >= BARS.found, `${rule}: found ${found}/${expected}`);
  }
  const valid = measurement.groups.reduce((sum, row) => sum + row.valid, 0);
  const falseAlarms = measurement.groups.reduce((sum, row) => sum + row.falseAlarms, 0);
  assert.ok(falseAlarms / valid <= BARS.falseAlarms, `false alarms ${falseAlarms}/${valid}`);
  for (const item of measurement.decisions) assert.ok(item.decision, `${item.file}:${item.line}`);
});
