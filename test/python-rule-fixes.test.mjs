// Python rule fixes are exact: every fix offered on every Python rule's invalid fixture is applied
// (engine applyEdits), the result re-parses without ERROR/MISSING nodes, compiles with
// `python3 -m py_compile`, and re-analysed has one finding of that rule fewer. Exact outputs for
// the shapes each fix handles are checked below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, engineModule, findingsOf, fixturesRoot, readText, ownFixes } from './helpers/engine.mjs';

await engineModule.preparePython();
const { applyEdits, parsePython, PYTHON_RULES } = engineModule;
const engine = createEngine({ rules: [], pythonRules: PYTHON_RULES });
const scratch = mkdtempSync(path.join(os.tmpdir(), 'loopguard-pyfix-'));
let counter = 0;

function compiles(text) {
  const file = path.join(scratch, `fixed${counter++}.py`);
  writeFileSync(file, text);
  const result = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr;
}

function parsesCleanly(text) {
  const tree = parsePython(text);
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

/** Analyses `text` as `fileName` (an overlay), returning the rule's findings. */
export function analyse(fileName, text, ruleId) {
  engine.host.setOverlay(fileName, text);
  try {
    return findingsOf(engine.analyzeFile(fileName), ruleId);
  } finally {
    engine.host.removeOverlay(fileName);
  }
}

/** Applies the fix titled `title` (or the first) of the rule's only finding in `text`; returns the fixed text after checking it. */
export function fixed(fileName, text, ruleId, title) {
  const before = analyse(fileName, text, ruleId);
  assert.equal(before.length, 1, `expected one ${ruleId} finding, got ${before.map((f) => f.message).join(' | ')}`);
  const fix = title ? ownFixes(before[0]).find((candidate) => candidate.title.includes(title)) : ownFixes(before[0])[0];
  assert.ok(fix, `no fix${title ? ` titled ${title}` : ''} on: ${before[0].message}`);
  const out = applyEdits(text, fix.edits);
  assert.ok(parsesCleanly(out), `fix output does not parse:\n${out}`);
  assert.equal(compiles(out), '', 'fix output does not compile');
  assert.deepEqual(analyse(fileName, out, ruleId).map((f) => f.message), [], `finding still there after the fix:\n${out}`);
  return out;
}

for (const rule of PYTHON_RULES) {
  const file = path.join(fixturesRoot, 'rules', rule.id, 'invalid.py');
  test(`${rule.id}: every fix on invalid.py parses, compiles and removes its finding`, () => {
    const text = readText(file);
    const findings = findingsOf(engine.analyzeFile(file), rule.id);
    for (const finding of findings) {
      for (const fix of ownFixes(finding)) {
        const label = `${rule.id} line ${finding.line + 1}: ${fix.title}`;
        assert.ok(!fix.ignore && fix.kind, label);
        const out = applyEdits(text, fix.edits);
        assert.ok(parsesCleanly(out), `${label}: output does not parse`);
        assert.equal(compiles(out), '', `${label}: output does not compile`);
        const after = analyse(file, out, rule.id);
        // At least this finding is gone (a fix may also settle another on the same call chain), and nothing new appears.
        assert.ok(after.length < findings.length, `${label}: the finding should be gone (${after.length} of ${findings.length} left)`);
      }
    }
  });
}

const fileName = path.join(scratch, 'service.py');

test('dangling-task: a dropped task is kept in a new module-level set, added after the imports', () => {
  const text = 'import asyncio\n\n\nasync def work():\n    pass\n\n\nasync def main():\n    asyncio.create_task(work())  # fire\n    return 1\n';
  assert.equal(
    fixed(fileName, text, 'dangling-task'),
    'import asyncio\n\nbackground_tasks = set()\n\n\nasync def work():\n    pass\n\n\nasync def main():\n    task = asyncio.create_task(work())\n    background_tasks.add(task)\n    task.add_done_callback(background_tasks.discard)  # fire\n    return 1\n',
  );
});

test('dangling-task: an existing module-level set is reused, a name the function uses is not taken', () => {
  const text = 'import asyncio\n\nbackground_tasks = set()\n\n\nasync def main(task):\n    loop = asyncio.get_running_loop()\n    loop.create_task(task())\n';
  assert.equal(
    fixed(fileName, text, 'dangling-task'),
    'import asyncio\n\nbackground_tasks = set()\n\n\nasync def main(task):\n    loop = asyncio.get_running_loop()\n    background_task = loop.create_task(task())\n    background_tasks.add(background_task)\n    background_task.add_done_callback(background_tasks.discard)\n',
  );
});

test('dangling-task: a kept task that is never read gets the done-callback after its assignment; CRLF kept', () => {
  const text = 'import asyncio\r\n\r\nasync def main():\r\n    t = asyncio.ensure_future(asyncio.sleep(1))\r\n';
  assert.equal(
    fixed(fileName, text, 'dangling-task'),
    'import asyncio\r\n\r\nbackground_tasks = set()\r\n\r\nasync def main():\r\n    t = asyncio.ensure_future(asyncio.sleep(1))\r\n    background_tasks.add(t)\r\n    t.add_done_callback(background_tasks.discard)\r\n',
  );
});

test('dangling-task: no fix where the statement shares its line', () => {
  const text = 'import asyncio\n\nasync def main(c):\n    if c: asyncio.create_task(asyncio.sleep(1))\n';
  const findings = analyse(fileName, text, 'dangling-task');
  assert.equal(findings.length, 1);
  assert.deepEqual(ownFixes(findings[0]), []);
});

test('cancellation-swallowed: `raise` replaces a final pass or continue, or is added after the last statement', () => {
  const head = 'import asyncio\n\n\nasync def main(q):\n    while True:\n        try:\n            await q.get()\n        except asyncio.CancelledError:\n';
  assert.equal(fixed(fileName, `${head}            continue\n`, 'cancellation-swallowed'), `${head}            raise\n`);
  assert.equal(fixed(fileName, `${head}            pass  # ignore\n`, 'cancellation-swallowed'), `${head}            raise  # ignore\n`);
  assert.equal(fixed(fileName, `${head}            print("x")\n        print("after")\n`, 'cancellation-swallowed'), `${head}            print("x")\n            raise\n        print("after")\n`);
});

test('cancellation-swallowed: no fix for a handler on the except line', () => {
  const text = 'import asyncio\n\nasync def main():\n    try:\n        await asyncio.sleep(1)\n    except BaseException: pass\n';
  const findings = analyse(fileName, text, 'cancellation-swallowed');
  assert.equal(findings.length, 1);
  assert.deepEqual(ownFixes(findings[0]), []);
});

test('async-test-assertion: the asyncio marker is added above the def (and above its other decorators), indented', () => {
  const file = path.join(scratch, 'test_marks.py');
  const text = 'import pytest\n\n\nclass TestA:\n    @pytest.mark.slow\n    async def test_a(self):\n        pass\n';
  assert.equal(fixed(file, text, 'async-test-assertion'), 'import pytest\n\n\nclass TestA:\n    @pytest.mark.asyncio\n    @pytest.mark.slow\n    async def test_a(self):\n        pass\n');
  const anyio = 'import pytest\n\n\n@pytest.mark.anyio\nasync def test_a():\n    pass\n\n\nasync def test_b():\n    pass\n';
  assert.equal(fixed(file, anyio, 'async-test-assertion'), anyio.replace('\n\nasync def test_b', '\n\n@pytest.mark.anyio\nasync def test_b'), 'a module that uses anyio gets the anyio marker');
});

test('async-test-assertion: no marker fix when pytest is not imported as `pytest`', () => {
  const file = path.join(scratch, 'test_nomark.py');
  const findings = analyse(file, 'import pytest as pt\n\n\nasync def test_a():\n    pass\n', 'async-test-assertion');
  assert.equal(findings.length, 1);
  assert.deepEqual(ownFixes(findings[0]), []);
});

test('async-test-assertion: a unittest.TestCase becomes an IsolatedAsyncioTestCase; pytest.raises gets its await', () => {
  const file = path.join(scratch, 'test_case.py');
  const text = 'import unittest\n\n\nclass Case(unittest.TestCase):\n    async def test_a(self):\n        pass\n';
  assert.equal(fixed(file, text, 'async-test-assertion'), text.replace('unittest.TestCase', 'unittest.IsolatedAsyncioTestCase'));
  const raises = 'import pytest\n\n\nasync def boom():\n    raise ValueError\n\n\n@pytest.mark.asyncio\nasync def test_a():\n    with pytest.raises(ValueError):\n        boom()\n';
  assert.equal(fixed(file, raises, 'async-test-assertion'), raises.replace('        boom()', '        await boom()'));
});

test('dangling-task: the TaskGroup fix moves the rest of the async def into `async with asyncio.TaskGroup() as tg:`', () => {
  const text = 'import asyncio\n\n\nasync def work():\n    pass\n\n\nasync def main(log):\n    log("start")\n    asyncio.create_task(work(), name="w")  # fire\n\n    # then\n    if log:\n        log("more")\n    return 1\n';
  assert.equal(
    fixed(fileName, text, 'dangling-task', 'TaskGroup'),
    'import asyncio\n\n\nasync def work():\n    pass\n\n\nasync def main(log):\n    log("start")\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(work(), name="w")  # fire\n\n        # then\n        if log:\n            log("more")\n        return 1\n',
  );
  // A loop's create_task, tab indentation, CRLF, and a name the function already uses.
  const tabs = 'import asyncio\r\n\r\nclass S:\r\n\tasync def run(self, tg):\r\n\t\tself.loop.create_task(tg())\r\n\t\tawait asyncio.sleep(0)\r\n';
  assert.equal(
    fixed(fileName, tabs, 'dangling-task', 'TaskGroup'),
    'import asyncio\r\n\r\nclass S:\r\n\tasync def run(self, tg):\r\n\t\tasync with asyncio.TaskGroup() as task_group:\r\n\t\t\ttask_group.create_task(tg())\r\n\t\t\tawait asyncio.sleep(0)\r\n',
  );
});

test('dangling-task: no TaskGroup fix where it would not be exact (a loop body, a multi-line string after, a yield, ensure_future, a sync def, Python < 3.11)', () => {
  const titles = (file, text) => analyse(file, text, 'dangling-task').flatMap((finding) => ownFixes(finding).map((fix) => fix.title));
  const head = 'import asyncio\n\n\nasync def work():\n    pass\n\n\n';
  const refused = [
    `${head}async def main(items):\n    for item in items:\n        asyncio.create_task(work())\n`,
    `${head}async def main():\n    asyncio.create_task(work())\n    print("""a\nb""")\n`,
    `${head}async def main():\n    asyncio.create_task(work())\n    yield 1\n`,
    `${head}async def main():\n    asyncio.ensure_future(work())\n`,
    `${head}def main(loop):\n    loop.create_task(work())\n`,
  ];
  for (const text of refused) {
    const offered = titles(fileName, text);
    assert.ok(offered.some((title) => title.startsWith('Keep a reference')), text);
    assert.ok(!offered.some((title) => title.includes('TaskGroup')), `no TaskGroup fix expected:\n${text}`);
  }
  const simple = `${head}async def main():\n    asyncio.create_task(work())\n`;
  assert.ok(titles(fileName, simple).some((title) => title.includes('TaskGroup')), 'offered with no stated Python version');
  const project = mkdtempSync(path.join(os.tmpdir(), 'loopguard-pyfloor-'));
  for (const [floor, offered] of [['>=3.8', false], ['>=3.11', true], ['~=3.12', true]]) {
    writeFileSync(path.join(project, 'pyproject.toml'), `[project]\nname = "svc"\nrequires-python = "${floor}"\n`);
    const file = path.join(project, 'svc.py');
    assert.equal(titles(file, simple).some((title) => title.includes('TaskGroup')), offered, `requires-python ${floor}`);
  }
});
