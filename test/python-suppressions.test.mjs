// Suppressions, the baseline and the "Ignore" fix in Python files (engine): `# loopguard-ignore-*`
// directives read from comments only, Ruff/flake8 `# noqa` for the codes in NOQA_EQUIVALENTS (never
// reported as unused), unused-directive hints with a fix that removes them, the baseline's key
// (class/def path and the normalised call), the "Ignore <rule> on this line" fix with the line's
// indentation (never inside a multi-line string or after a backslash), and rule failures. The rules
// are the scratch Python rules (test/helpers/scratchPythonRules.mjs), so nothing here waits for the
// real ones.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createEngine, engineModule, findingsOf, repoRoot } from './helpers/engine.mjs';
import { tempProject } from './helpers/cliRun.mjs';
import { scratchPythonRules } from './helpers/scratchPythonRules.mjs';

const { NOQA_EQUIVALENTS, TYPE_IGNORE_EQUIVALENTS, applyEdits, parsePython, preparePython } = engineModule;

before(async () => {
  await preparePython();
});

const root = tempProject('pysupp', {}, { git: true });
let counter = 0;
const HEADER = 'import asyncio\nimport time\n\n\n';

/** Analyses `text` as a fresh .py file with the scratch rules (and optional extra rules / settings). */
function analyse(text, { rules = scratchPythonRules, settings, name } = {}) {
  const file = path.join(root, name ?? `case${counter++}.py`);
  fs.writeFileSync(file, text);
  const engine = createEngine({ pythonRules: rules, root, settings });
  return engine.analyzeFile(file);
}

/** `line rule` for every finding (1-based lines). */
const found = (report) => findingsOf(report).map((finding) => `${finding.line + 1} ${finding.ruleId}`);

function parsesCleanly(text) {
  const tree = parsePython(text);
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

function pyCompiles(text) {
  const file = path.join(root, `compiled${counter++}.py`);
  fs.writeFileSync(file, text);
  const result = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr;
}

describe('# loopguard-ignore directives', () => {
  test('control: every time.sleep is reported', () => {
    assert.deepEqual(found(analyse(`${HEADER}async def f():\n    time.sleep(1)\n    time.sleep(2)\n`)), ['6 blocking-call', '7 blocking-call']);
  });

  test('next-line, same-line and file forms silence their rule', () => {
    const text = `${HEADER}async def f():\n    # loopguard-ignore-next-line blocking-call -- start-up\n    time.sleep(1)\n    time.sleep(2)  # loopguard-ignore-line blocking-call -- back-off\n    time.sleep(3)\n`;
    assert.deepEqual(found(analyse(text)), ['9 blocking-call']);
    // The file directive silences all three: the line directives are then unused (hints).
    assert.deepEqual(found(analyse(`# loopguard-ignore-file blocking-call -- a script\n${text}`)), ['7 unused-suppression', '9 unused-suppression']);
  });

  test('a directive names only its rules; without a rule list it silences every rule', () => {
    const text = (directive) => `${HEADER}async def f():\n    asyncio.create_task(f()); time.sleep(1)  # ${directive}\n`;
    assert.deepEqual(found(analyse(text('loopguard-ignore-line dangling-task -- kept elsewhere'))), ['6 blocking-call']);
    assert.deepEqual(found(analyse(text('loopguard-ignore-line'))), []);
  });

  test('the words inside a string are not a directive (only comments count)', () => {
    const text = `${HEADER}async def f():\n    s = """\n    # loopguard-ignore-next-line blocking-call -- in a string\n    """\n    time.sleep(1)\n    t = "# loopguard-ignore-line blocking-call"; time.sleep(2)\n`;
    assert.deepEqual(found(analyse(text)), ['9 blocking-call', '10 blocking-call']);
  });

  test('a directive that silences nothing is a hint, and its fix removes it (the file still compiles)', () => {
    const text = `${HEADER}async def f():\n    # loopguard-ignore-next-line blocking-call -- stale\n    await asyncio.sleep(1)\n    x = 1  # loopguard-ignore-line dangling-task -- stale too\n`;
    const report = analyse(text);
    const hints = findingsOf(report).filter((finding) => finding.ruleId === 'unused-suppression');
    assert.deepEqual(hints.map((hint) => hint.line + 1), [6, 8]);
    assert.ok(hints.every((hint) => hint.severity === 'hint' && hint.unnecessary));
    const fixed = applyEdits(text, hints.flatMap((hint) => hint.fixes[0].edits));
    assert.equal(fixed, `${HEADER}async def f():\n    await asyncio.sleep(1)\n    x = 1\n`);
    assert.equal(pyCompiles(fixed), '');
  });

  test('a directive naming a rule that is off, or that failed on the file, is not reported as unused', () => {
    const text = `${HEADER}async def f():\n    # loopguard-ignore-next-line blocking-call -- off here\n    await asyncio.sleep(1)\n`;
    assert.deepEqual(found(analyse(text, { settings: { rules: { 'blocking-call': 'off' } } })), []);
    const throwing = { ...scratchPythonRules[0], create: () => ({ call: () => { throw new Error('scratch failure'); } }) };
    const report = analyse(text, { rules: [throwing] });
    assert.deepEqual(found(report), []);
    assert.deepEqual(report.ruleFailures.map((failure) => failure.ruleId), ['blocking-call']);
  });
});

describe('# noqa (Ruff, flake8-async)', () => {
  const line = (comment) => `${HEADER}async def f():\n    time.sleep(1); asyncio.create_task(f())  ${comment}\n`;

  test('a code with an equivalent silences that rule only', () => {
    assert.deepEqual(found(analyse(line('# noqa: ASYNC251'))), ['6 dangling-task']);
    assert.deepEqual(found(analyse(line('# noqa: RUF006'))), ['6 blocking-call']);
    assert.deepEqual(found(analyse(line('# noqa: E501'))).sort(), ['6 blocking-call', '6 dangling-task']);
  });

  test('several codes, any case, commas or spaces, no space after the colon', () => {
    assert.deepEqual(found(analyse(line('# noqa: ASYNC210, E501, ruf006'))), []);
    assert.deepEqual(found(analyse(line('#noqa:async251 E501'))), ['6 dangling-task']);
  });

  test('a bare # noqa silences every rule with an equivalent, and only on its line', () => {
    assert.deepEqual(found(analyse(line('# NOQA'))), []);
    assert.deepEqual(found(analyse(`${line('# noqa')}    time.sleep(2)\n`)), ['7 blocking-call']);
  });

  test('after another comment on the line (# type: ignore  # noqa: ASYNC251)', () => {
    assert.deepEqual(found(analyse(line('# type: ignore  # noqa: ASYNC251'))), ['6 dangling-task']);
  });

  test('inside a string it is text, and a longer word is not noqa', () => {
    assert.deepEqual(found(analyse(`${HEADER}async def f():\n    time.sleep(1); s = "# noqa: ASYNC251"\n`)), ['6 blocking-call']);
    assert.deepEqual(found(analyse(`${HEADER}async def f():\n    time.sleep(1)  # noqable, noqa-free\n`)), ['6 blocking-call']);
  });

  test('a # noqa that silences nothing is never reported (it belongs to Ruff)', () => {
    assert.deepEqual(found(analyse(`${HEADER}async def f():\n    await asyncio.sleep(1)  # noqa: ASYNC251\n    x = 1  # noqa\n`)), []);
  });

  test('every ASYNC2xx blocking code maps to blocking-call; RUF006 and ASYNC300 to dangling-task', () => {
    for (const code of ['ASYNC210', 'ASYNC212', 'ASYNC220', 'ASYNC221', 'ASYNC222', 'ASYNC230', 'ASYNC240', 'ASYNC250', 'ASYNC251']) assert.deepEqual(NOQA_EQUIVALENTS[code], ['blocking-call'], code);
    assert.deepEqual(NOQA_EQUIVALENTS.RUF006, ['dangling-task']);
    assert.deepEqual(NOQA_EQUIVALENTS.ASYNC300, ['dangling-task']);
  });

  test("the README's Ruff table lists exactly the mapping", () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const start = readme.indexOf('#### Migrating from Ruff and flake8-async');
    assert.ok(start >= 0, 'README has a "Migrating from Ruff and flake8-async" subsection');
    const next = readme.indexOf('\n#', start + 1);
    const section = readme.slice(start, next < 0 ? undefined : next);
    const rows = [...section.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map(([, code, ours]) => [code, [...ours.matchAll(/`([^`]+)`/g)].map((match) => match[1])]);
    // Its two tables: Ruff's codes, then the type checkers'.
    assert.deepEqual(Object.fromEntries(rows), { ...NOQA_EQUIVALENTS, ...TYPE_IGNORE_EQUIVALENTS });
  });
});

describe("the type checkers' ignore comments for a coroutine left unawaited", () => {
  const rules = engineModule.PYTHON_RULES;
  const dropped = (comment) => `import asyncio


async def close():
    pass


async def f():
    close()  ${comment}
    asyncio.sleep(1)
`;
  const coroutines = (comment) => found(analyse(dropped(comment), { rules })).filter((entry) => entry.endsWith('unawaited-coroutine'));

  test('mypy\'s [unused-coroutine] / [unused-awaitable] and pyright\'s [reportUnusedCoroutine] silence unawaited-coroutine on their line only', () => {
    assert.deepEqual(coroutines('# nothing'), ['9 unawaited-coroutine', '10 unawaited-coroutine'], 'control');
    assert.deepEqual(coroutines('# type: ignore[unused-coroutine]'), ['10 unawaited-coroutine']);
    assert.deepEqual(coroutines('# type: ignore[attr-defined, unused-awaitable]'), ['10 unawaited-coroutine']);
    assert.deepEqual(coroutines('# pyright: ignore[reportUnusedCoroutine]'), ['10 unawaited-coroutine']);
  });

  test('a bare # type: ignore, or one for other codes, is about type errors: the finding stays', () => {
    assert.deepEqual(coroutines('# type: ignore'), ['9 unawaited-coroutine', '10 unawaited-coroutine']);
    assert.deepEqual(coroutines('# type: ignore[attr-defined]'), ['9 unawaited-coroutine', '10 unawaited-coroutine']);
    assert.deepEqual(coroutines('# pyright: ignore[reportGeneralTypeIssues]'), ['9 unawaited-coroutine', '10 unawaited-coroutine']);
  });

  test('one that silences nothing is never reported as unused (it belongs to the type checker)', () => {
    const text = 'import asyncio\n\n\nasync def f():\n    await asyncio.sleep(1)  # type: ignore[unused-coroutine]\n';
    assert.deepEqual(found(analyse(text, { rules })), []);
  });
});

describe('the "Ignore <rule> on this line (with a reason)" fix', () => {
  const ignoreFix = (finding) => finding.fixes.find((fix) => fix.ignore);

  test('inserts a # directive with the line\'s indentation; applied, the finding is gone and no hint appears', () => {
    const text = `${HEADER}class C:\n    async def m(self):\n        if True:\n            time.sleep(1)\n`;
    const report = analyse(text);
    const [finding] = findingsOf(report);
    const fix = ignoreFix(finding);
    assert.equal(fix.title, 'Ignore blocking-call on this line (with a reason)');
    assert.equal(fix.kind, 'suggestion');
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.includes('\n            # loopguard-ignore-next-line blocking-call -- reason\n            time.sleep(1)\n'), fixed);
    assert.equal(pyCompiles(fixed), '');
    assert.deepEqual(found(analyse(fixed)), []);
  });

  test('keeps the file\'s CRLF line breaks', () => {
    const text = `${HEADER}async def f():\n    time.sleep(1)\n`.replace(/\n/g, '\r\n');
    const [finding] = findingsOf(analyse(text));
    assert.match(ignoreFix(finding).edits[0].newText, /-- reason\r\n$/);
  });

  test('inside brackets of a call spanning lines: a comment line is allowed there', () => {
    const text = `${HEADER}async def f():\n    await asyncio.gather(\n        time.sleep(1),\n    )\n`;
    const [finding] = findingsOf(analyse(text));
    const fixed = applyEdits(text, ignoreFix(finding).edits);
    assert.ok(parsesCleanly(fixed));
    assert.equal(pyCompiles(fixed), '');
    assert.deepEqual(found(analyse(fixed)), []);
  });

  test('not offered where the line starts inside a multi-line string or continues a line ending in a backslash', () => {
    const inString = `${HEADER}async def f():\n    x = """a\n""" + str(time.sleep(1))\n`;
    const continued = `${HEADER}async def f():\n    x = 1 + \\\n        time.sleep(1)\n`;
    for (const text of [inString, continued]) {
      const findings = findingsOf(analyse(text));
      assert.equal(findings.length, 1, text);
      assert.equal(ignoreFix(findings[0]), undefined, text);
    }
  });
});

describe('baseline keys', () => {
  test('the enclosing class and def names and the whole call, whitespace normalised', () => {
    const text = `${HEADER}time.sleep( 0 )\n\nclass Repo:\n    async def load(self):\n        def inner():\n            time.sleep(1)\n        time.sleep(2,\n                   )\n`;
    fs.writeFileSync(path.join(root, 'loopguard-suppressions.json'), '{ "version": 1, "files": {} }\n');
    try {
      const report = analyse(text);
      assert.deepEqual(
        report.baseline.found.map((entry) => `${entry.ruleId} ${entry.key}`),
        ['blocking-call <top level>: time.sleep(0)', 'blocking-call Repo.load.inner: time.sleep(1)', 'blocking-call Repo.load: time.sleep(2)'],
      );
    } finally {
      fs.rmSync(path.join(root, 'loopguard-suppressions.json'));
    }
  });

  test('a baseline entry suppresses its finding (up to its count) and survives edits above it', () => {
    const text = `${HEADER}async def f():\n    time.sleep(1)\n    time.sleep(1)\n`;
    fs.writeFileSync(path.join(root, 'loopguard-suppressions.json'), JSON.stringify({ version: 1, files: { 'base.py': { 'blocking-call': { 'f: time.sleep(1)': 1 } } } }));
    try {
      const report = analyse(`# a comment\n\n${text}`, { name: 'base.py' });
      assert.deepEqual(found(report), ['9 blocking-call']);
      assert.equal(report.baseline.suppressed, 1);
    } finally {
      fs.rmSync(path.join(root, 'loopguard-suppressions.json'));
    }
  });
});
