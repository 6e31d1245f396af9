// The sample project is the demo and the acceptance test: every line marked `// seeded: <rule>`
// must be reported with that rule, and nothing else anywhere (src/clean/ in particular).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './helpers/engine.mjs';

const sampleRoot = path.join(repoRoot, 'samples/service');

function seededMistakes() {
  const expected = [];
  for (const name of readdirSync(path.join(sampleRoot, 'src'), { recursive: true })) {
    if (!/\.[jt]s$/.test(name)) continue;
    const relative = `samples/service/src/${name.split(path.sep).join('/')}`;
    readFileSync(path.join(repoRoot, relative), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const match = /\/\/ seeded: ([a-z-]+)/.exec(line);
        if (match) expected.push(`${relative}:${index + 1} ${match[1]}`);
      });
  }
  return expected.sort();
}

test('the CLI finds every seeded mistake in samples/ and nothing else', () => {
  const run = spawnSync(process.execPath, ['dist/cli.js', 'samples/service', '--format', 'json'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  const findings = JSON.parse(run.stdout);
  const actual = findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort();
  assert.deepEqual(actual, seededMistakes());
  assert.ok(findings.every((finding) => !finding.file.includes('/clean/')), 'clean files must have no findings');
  const rules = new Set(findings.map((finding) => finding.ruleId));
  for (const rule of ['blocking-call', 'floating-promise', 'missing-await', 'unhandled-rejection', 'await-non-promise']) {
    assert.ok(rules.has(rule), `the sample should demonstrate ${rule}`);
  }
});
