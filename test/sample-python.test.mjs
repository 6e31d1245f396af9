// The Python sample (samples/py-service) is a demo and an acceptance test: every line marked
// `# seeded: <rule>` must be reported with that rule, and nothing else (src/py_service/clean/ in
// particular). The Python rules are written in parallel: a seeded mistake whose rule is not in the
// registry yet is skipped with a message saying so, so this test tightens as the rules land.
// The sample also runs: `python3 -X dev -m py_service` starts the service, serves and stops.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createEngine, engineModule, repoRoot } from './helpers/engine.mjs';

const sampleRoot = path.join(repoRoot, 'samples/py-service');
const sourceRoot = path.join(sampleRoot, 'src');
const registered = new Set(engineModule.PYTHON_RULES.map((rule) => rule.id));

/** The sample's Python files, relative to the repository (posix separators). */
function pythonFiles() {
  return readdirSync(sourceRoot, { recursive: true })
    .filter((name) => name.endsWith('.py') && !name.includes('__pycache__'))
    .map((name) => `samples/py-service/src/${name.split(path.sep).join('/')}`)
    .sort();
}

/** `file:line rule` for every `# seeded: <rule>` marker. */
function seededMistakes() {
  const expected = [];
  for (const relative of pythonFiles()) {
    readFileSync(path.join(repoRoot, relative), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const match = /# seeded: ([a-z-]+)/.exec(line);
        if (match) expected.push({ key: `${relative}:${index + 1} ${match[1]}`, ruleId: match[1], line: line.trim() });
      });
  }
  return expected;
}

let findings = [];

before(async () => {
  await engineModule.preparePython();
  const engine = createEngine({ root: sampleRoot });
  for (const relative of pythonFiles()) {
    const report = engine.analyzeFile(path.join(repoRoot, relative));
    const lineOf = (offset) => report.text.slice(0, offset).split('\n').length;
    for (const finding of report.findings) findings.push({ key: `${relative}:${lineOf(finding.start)} ${finding.ruleId}`, ...finding, relative });
  }
});

const seeded = seededMistakes();

describe('samples/py-service: seeded mistakes', () => {
  test('the sample seeds each mistake of the issue at least once', () => {
    const rules = new Set(seeded.map((mistake) => mistake.ruleId));
    for (const id of ['blocking-call', 'unawaited-coroutine', 'dangling-task', 'cancellation-swallowed', 'await-in-loop']) assert.ok(rules.has(id), id);
    assert.ok(seeded.some((mistake) => /time\.sleep/.test(mistake.line)) && seeded.some((mistake) => /open\(/.test(mistake.line)));
    // A blocking helper of another module, called from an async handler: reported in the helper (once, however many callers).
    assert.ok(seeded.some((mistake) => mistake.key.startsWith('samples/py-service/src/py_service/storage.py:') && mistake.ruleId === 'blocking-call'));
    assert.match(readFileSync(path.join(sourceRoot, 'py_service/handlers.py'), 'utf8'), /async def handle_report\(request\):\n\s+report = load_report\(/);
  });

  for (const mistake of seeded) {
    const skip = registered.has(mistake.ruleId) ? false : `the Python rule ${mistake.ruleId} is not in PYTHON_RULES yet`;
    test(`${mistake.key}: ${mistake.line}`, { skip }, () => {
      const here = findings.filter((finding) => finding.key === mistake.key);
      assert.ok(here.length > 0, `not reported; findings of ${mistake.ruleId} in the sample: ${JSON.stringify(findings.filter((f) => f.ruleId === mistake.ruleId).map((f) => f.key))}`);
    });
  }

  test('nothing else is reported by the registered Python rules (the clean package in particular)', () => {
    const expected = new Set(seeded.map((mistake) => mistake.key));
    const unexpected = findings.filter((finding) => !expected.has(finding.key));
    assert.deepEqual(unexpected.map((finding) => `${finding.key}: ${finding.message}`), []);
    assert.ok(findings.every((finding) => !finding.relative.includes('/clean/')));
  });
});

const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });

test('the sample runs: python3 -X dev -m py_service starts, serves every route and stops', { skip: python.status === 0 ? false : 'python3 is not installed', timeout: 60_000 }, () => {
  const run = spawnSync('python3', ['-X', 'dev', '-m', 'py_service'], {
    cwd: sampleRoot,
    encoding: 'utf8',
    timeout: 50_000,
    env: { ...process.env, PYTHONPATH: sourceRoot, PYTHONDONTWRITEBYTECODE: '1' },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /served 11 requests/);
  // Python itself points at the seeded un-awaited coroutine, and only at it.
  const neverAwaited = [...run.stderr.matchAll(/coroutine '(\w+)' was never awaited/g)].map((match) => match[1]);
  assert.deepEqual(neverAwaited, ['record']);
  assert.ok(!/Traceback \(most recent call last\)/.test(run.stderr.replace(/Coroutine created at \(most recent call last\)/g, '')), run.stderr);
});
