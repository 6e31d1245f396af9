// Runs every Python example of the concept guide (docs/concepts/*.md, "In Python (asyncio)").
//
// Convention: each example is a ```python fenced block preceded, on the line right before the
// fence (blank lines allowed in between), by an HTML comment that Markdown renderers hide:
//
//   <!-- python: before reports=<rule-id> -->               the pitfall, and the Loop Guard rule
//                                                           that reports it (comma-separated ids)
//   <!-- python: before reports=<rule-id> shows=<what> -->  a "before" that must also visibly show
//                                                           the pitfall when run, <what> being a key
//                                                           of SHOWS below (comma-separated)
//   <!-- python: after -->                                  the fix
//
// Every ```python block must carry such a marker, and every page has at least one before and one
// after. Each example is written to a temp file and run with `python3 -X dev` (asyncio debug
// mode, all warnings shown); it must exit 0 within the timeout. "after" examples must print none
// of the asyncio warnings in WARNINGS on stderr; a "before" marked shows=<what> must print that
// one, so the check demonstrably can fail. Skipped, with the reason, when python3 is absent.
//
// When the CLI analyses Python (probed with a `time.sleep` in an `async def`), all examples are
// also checked with `loopguard --format json`: each "before" gets a finding of every rule in its
// reports=, each "after" gets no finding at all. Skipped, with the reason, while it does not.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliPath, runCliJson, tempProject } from './helpers/cliRun.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const conceptsDir = path.join(repo, 'docs', 'concepts');
const TIMEOUT_MS = 10_000;

/** The warnings an "after" example must not print (asyncio's signs of a dropped coroutine or task). */
export const WARNINGS = {
  'never-awaited': /RuntimeWarning: coroutine '[^']+' was never awaited/,
  'destroyed-pending': /Task was destroyed but it is pending/,
  'exception-never-retrieved': /Task exception was never retrieved/,
};

/** What a "before" can be required to show: the warnings above, plus asyncio debug mode's slow-step report. */
export const SHOWS = {
  ...WARNINGS,
  'slow-callback': /^Executing <.*> took \d+\.\d+ seconds$/m,
};

const MARKER = /^<!--\s*python:\s*(before|after)((?:\s+[a-z-]+=[a-z,-]+)*)\s*-->\s*$/;

/** The Python examples of a page: [{ line, kind, shows, code }]; throws on an unmarked or unterminated block. */
export function pythonExamples(markdown, file = 'page') {
  const lines = markdown.split('\n');
  const examples = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```python\s*$/.test(lines[i])) continue;
    let m = i - 1;
    while (m >= 0 && lines[m].trim() === '') m--;
    const marker = m >= 0 ? MARKER.exec(lines[m].trim()) : null;
    if (!marker) throw new Error(`${file}:${i + 1}: a \`\`\`python block without a <!-- python: before|after --> marker right before it`);
    const attributes = Object.fromEntries([...marker[2].matchAll(/([a-z-]+)=([a-z,-]+)/g)].map((a) => [a[1], a[2]]));
    for (const key of Object.keys(attributes)) if (key !== 'shows' && key !== 'reports') throw new Error(`${file}:${m + 1}: unknown marker attribute "${key}"`);
    const shows = attributes.shows ? attributes.shows.split(',') : [];
    const reports = attributes.reports ? attributes.reports.split(',') : [];
    if (marker[1] === 'before' && reports.length === 0) throw new Error(`${file}:${m + 1}: a "before" example names the rule that reports it (reports=<rule-id>)`);
    if (marker[1] === 'after' && reports.length > 0) throw new Error(`${file}:${m + 1}: an "after" example is reported by no rule`);
    for (const what of shows) if (!(what in SHOWS)) throw new Error(`${file}:${m + 1}: unknown shows=${what} (one of ${Object.keys(SHOWS).join(', ')})`);
    if (marker[1] === 'after' && shows.length > 0) throw new Error(`${file}:${m + 1}: an "after" example shows no pitfall`);
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
    if (j >= lines.length) throw new Error(`${file}:${i + 1}: unterminated \`\`\`python block`);
    examples.push({ line: i + 2, kind: marker[1], shows, reports, code: `${lines.slice(i + 1, j).join('\n')}\n` });
    i = j;
  }
  return examples;
}

/** Runs one example with `python3 -X dev` from a temp directory; returns { status, signal, error, stdout, stderr }. */
function runPython(code, name) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loopguard-concept-py-'));
  try {
    const file = path.join(dir, `${name}.py`);
    writeFileSync(file, code);
    const result = spawnSync('python3', ['-X', 'dev', file], {
      cwd: dir,
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONWARNINGS: '' },
    });
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The problems of one run, as readable lines (empty when the example behaves as its marker says). */
export function judge(example, result) {
  const problems = [];
  if (result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGTERM') problems.push(`did not finish within ${TIMEOUT_MS} ms`);
  else if (result.error) problems.push(`could not run: ${result.error.message}`);
  else if (result.status !== 0) problems.push(`exited with ${result.status}`);
  const stderr = result.stderr ?? '';
  if (example.kind === 'after') {
    for (const [what, pattern] of Object.entries(WARNINGS)) if (pattern.test(stderr)) problems.push(`prints the ${what} warning`);
  }
  for (const what of example.shows) if (!SHOWS[what].test(stderr)) problems.push(`is marked shows=${what} but does not print it`);
  if (problems.length > 0) problems.push(`stdout:\n${result.stdout ?? ''}\nstderr:\n${stderr}`);
  return problems;
}

const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const noPython = probe.error || probe.status !== 0 ? `python3 is not available (${probe.error?.message ?? `exit ${probe.status}`})` : false;

const pages = readdirSync(conceptsDir).filter((f) => f.endsWith('.md') && f !== 'index.md').sort();

describe('concept pages: Python examples', () => {
  test('there are twelve concept pages', () => {
    assert.equal(pages.length, 12);
  });

  // The examples use asyncio.TaskGroup, asyncio.timeout and except*: a clear message beats twelve odd failures.
  test('python3 is 3.11 or later', { skip: noPython }, () => {
    const [major, minor] = /Python (\d+)\.(\d+)/.exec(`${probe.stdout}${probe.stderr}`).slice(1).map(Number);
    assert.ok(major > 3 || (major === 3 && minor >= 11), `the examples need Python 3.11+ (TaskGroup, asyncio.timeout, except*); python3 is ${major}.${minor}`);
  });

  for (const page of pages) {
    const markdown = readFileSync(path.join(conceptsDir, page), 'utf8');

    test(`${page}: every python block is marked, with at least one before and one after`, () => {
      const examples = pythonExamples(markdown, page);
      assert.ok(examples.some((e) => e.kind === 'before'), 'no <!-- python: before --> example');
      assert.ok(examples.some((e) => e.kind === 'after'), 'no <!-- python: after --> example');
    });

    test(`${page}: the python examples sit in the "In Python (asyncio)" section`, () => {
      const start = markdown.indexOf('\n## In Python (asyncio)\n');
      assert.ok(start >= 0, 'no "## In Python (asyncio)" section');
      const end = markdown.indexOf('\n## ', start + 1);
      const section = markdown.slice(start, end < 0 ? undefined : end);
      assert.equal(pythonExamples(section, page).length, pythonExamples(markdown, page).length, 'a python example outside the section');
    });

    let examples = [];
    try { examples = pythonExamples(markdown, page); } catch { /* reported by the test above */ }
    examples.forEach((example, index) => {
      const label = `${page} python ${example.kind} (line ${example.line})${example.shows.length ? ` shows ${example.shows.join(', ')}` : ''}`;
      test(`${label} runs as marked`, { skip: noPython }, () => {
        const result = runPython(example.code, `${path.basename(page, '.md').replace(/-/g, '_')}_${index + 1}_${example.kind}`);
        assert.deepEqual(judge(example, result), []);
      });
    });
  }
});

describe('concept pages: the Python example checks can fail', () => {
  test('an unmarked ```python block is refused', () => {
    assert.throws(() => pythonExamples('text\n\n```python\nprint(1)\n```\n'), /without a <!-- python/);
    assert.throws(() => pythonExamples('<!-- python: after shows=never-awaited -->\n```python\nx\n```\n'), /shows no pitfall/);
    assert.throws(() => pythonExamples('<!-- python: after reports=blocking-call -->\n```python\nx\n```\n'), /reported by no rule/);
    assert.throws(() => pythonExamples('<!-- python: before -->\n```python\nx\n```\n'), /names the rule/);
    assert.throws(() => pythonExamples('<!-- python: before reports=a shows=nope -->\n```python\nx\n```\n'), /unknown shows=nope/);
    assert.deepEqual(
      pythonExamples('<!-- python: before reports=dangling-task shows=never-awaited,slow-callback -->\n\n```python\nx = 1\n```\n').map((e) => [e.kind, e.reports, e.shows, e.code]),
      [['before', ['dangling-task'], ['never-awaited', 'slow-callback'], 'x = 1\n']],
    );
  });

  const dropped = 'import asyncio\n\nasync def work():\n    await asyncio.sleep(0)\n\nasync def main():\n    work()\n\nasyncio.run(main())\n';

  test('an "after" that drops a coroutine is rejected', { skip: noPython }, () => {
    const example = { kind: 'after', shows: [], code: dropped };
    const problems = judge(example, runPython(dropped, 'dropped_after'));
    assert.ok(problems.some((p) => p.includes('never-awaited')), problems.join('\n'));
  });

  test('a "before" marked shows=never-awaited that awaits properly is rejected', { skip: noPython }, () => {
    const fixed = dropped.replace('    work()', '    await work()');
    const problems = judge({ kind: 'before', shows: ['never-awaited'], code: fixed }, runPython(fixed, 'fixed_before'));
    assert.ok(problems.some((p) => p.includes('shows=never-awaited')), problems.join('\n'));
  });

  test('an example that fails or hangs is rejected', { skip: noPython }, () => {
    const failing = 'raise SystemExit(3)\n';
    assert.ok(judge({ kind: 'before', shows: [], code: failing }, runPython(failing, 'failing')).some((p) => p.includes('exited with 3')));
    assert.ok(judge({ kind: 'after', shows: [] }, { signal: 'SIGTERM', status: null, stdout: '', stderr: '' }).some((p) => p.includes('did not finish')));
  });
});

// ---- Loop Guard on the examples (once the CLI analyses Python) ----------------------------

/** The examples of every page as files of one project: { file -> { page, example } }. Test pages get pytest's test_ prefix. */
function exampleFiles() {
  const files = new Map();
  for (const page of pages) {
    const slug = path.basename(page, '.md');
    const prefix = slug === 'testing-async-code' ? 'test_' : '';
    pythonExamples(readFileSync(path.join(conceptsDir, page), 'utf8'), page).forEach((example, index) => {
      files.set(`${prefix}${slug.replace(/-/g, '_')}_${index + 1}_${example.kind}.py`, { page, example });
    });
  }
  return files;
}

function cliSkipReason() {
  if (!existsSync(cliPath)) return `${cliPath} is not built (npm run build)`;
  const root = tempProject('concept-py-probe', { 'pyproject.toml': '[project]\nname = "probe"\n', 'probe.py': 'import time\n\n\nasync def handler():\n    time.sleep(1)\n' }, { git: true });
  const { findings } = runCliJson(['probe.py'], { cwd: root });
  return findings.some((f) => f.ruleId === 'blocking-call') ? false : 'the CLI does not analyse Python files yet (no blocking-call for time.sleep in an async def)';
}

const noPythonAnalysis = cliSkipReason();
describe('concept pages: Loop Guard reports each Python "before" and none of the "after"s', { skip: noPythonAnalysis }, () => {
  const files = exampleFiles();
  let byFile;
  before(() => {
    const root = tempProject('concept-py', {
      'pyproject.toml': '[project]\nname = "concept-examples"\n',
      ...Object.fromEntries([...files].map(([file, { example }]) => [file, example.code])),
    }, { git: true });
    const { findings } = runCliJson(['.'], { cwd: root });
    byFile = new Map([...files.keys()].map((file) => [file, []]));
    for (const finding of findings) byFile.get(finding.file.split(path.sep).join('/'))?.push(finding);
  });

  for (const [file, { page, example }] of files) {
    test(`${page} python ${example.kind} (line ${example.line})`, () => {
      const found = byFile.get(file).map((f) => `${f.line}:${f.ruleId} ${f.message}`);
      if (example.kind === 'after') assert.deepEqual(found, [], 'an "after" example is reported');
      for (const rule of example.reports) {
        assert.ok(byFile.get(file).some((f) => f.ruleId === rule), `no ${rule} finding; found:\n${found.join('\n')}`);
      }
    });
  }
});
