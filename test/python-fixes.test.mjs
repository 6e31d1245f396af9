// Python fixes (issue 13 item 5): every fix the Python blocking-call and unawaited-coroutine rules
// offer on their fixtures is applied; the result must parse without ERROR/MISSING nodes, compile
// with `python3 -m py_compile`, and no longer have the finding. Then the exact texts of the
// rewrites, and where no fix is offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, engineModule, findingsOf, fixturesRoot, ownFixes } from './helpers/engine.mjs';

await engineModule.preparePython();
const { applyEdits, parsePython } = engineModule;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'loopguard-pyfix-'));

function syntaxProblems(text) {
  const tree = parsePython(text);
  const problems = [];
  const visit = (node) => {
    if (node.type === 'ERROR' || node.isMissing) problems.push(`${node.type} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}`);
    if (node.hasError || node.type === 'ERROR') for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  return problems;
}

function pyCompile(files) {
  const dir = mkdtempSync(path.join(scratch, 'c-'));
  const written = files.map(([name, text], index) => {
    const target = path.join(dir, `${index}_${path.basename(name)}`);
    writeFileSync(target, text);
    return target;
  });
  execFileSync('python3', ['-m', 'py_compile', ...written], { stdio: 'pipe' });
}

/** Applies one fix through the editor overlays; returns the fixed texts and the rule's findings in `fileName` after it. */
function applyFix(engine, fix) {
  const byFile = new Map();
  for (const edit of fix.edits) byFile.set(edit.fileName, [...(byFile.get(edit.fileName) ?? []), edit]);
  const texts = [...byFile].map(([name, edits]) => [name, applyEdits(engine.host.textOf(name) ?? readFileSync(name, 'utf8'), edits)]);
  return texts;
}

function checkEveryFix(fileName, ruleId) {
  const engine = createEngine();
  const before = findingsOf(engine.analyzeFile(fileName), ruleId);
  const fixable = before.filter((finding) => ownFixes(finding).length > 0);
  let applied = 0;
  for (const finding of fixable) {
    for (const fix of ownFixes(finding)) {
      const texts = applyFix(engine, fix);
      for (const [name, text] of texts) assert.deepEqual(syntaxProblems(text), [], `${fix.title} in ${name}:\n${text}`);
      assert.doesNotThrow(() => pyCompile(texts), `${fix.title} on line ${finding.line + 1} does not compile`);
      for (const [name, text] of texts) engine.host.setOverlay(name, text);
      const after = findingsOf(engine.analyzeFile(fileName), ruleId);
      for (const [name] of texts) engine.host.removeOverlay(name);
      const same = (a) => a.message === finding.message && a.line === finding.line;
      assert.ok(after.length < before.length && !after.some(same), `${fix.title} on line ${finding.line + 1} leaves the finding: ${finding.message}`);
      applied++;
    }
  }
  return { findings: before.length, fixable: fixable.length, applied };
}

test('blocking-call invalid.py: every fix parses, compiles and removes its finding', () => {
  const result = checkEveryFix(path.join(fixturesRoot, 'rules/blocking-call/invalid.py'), 'blocking-call');
  assert.ok(result.applied >= 15, JSON.stringify(result));
});

test('unawaited-coroutine invalid.py: every add-await fix parses, compiles and removes its finding', () => {
  const result = checkEveryFix(path.join(fixturesRoot, 'rules/unawaited-coroutine/invalid.py'), 'unawaited-coroutine');
  assert.ok(result.applied >= 15, JSON.stringify(result));
});

test('make the helper async across modules (src/ layout and namespace packages): the def, the blocking call and the caller in the other module change together', () => {
  for (const [helper, caller] of [
    ['srclayout/src/svc/storage.py', 'srclayout/src/svc/api.py'],
    ['namespace/ns/tools/net.py', 'namespace/main.py'],
  ]) {
    const fileName = path.join(fixturesRoot, 'rules/blocking-call/projects', helper);
    const engine = createEngine();
    const [finding] = findingsOf(engine.analyzeFile(fileName), 'blocking-call');
    const fix = ownFixes(finding).find((candidate) => candidate.title.startsWith('Make '));
    assert.ok(fix, `no make-async fix on ${helper}`);
    assert.deepEqual([...new Set(fix.edits.map((edit) => path.basename(edit.fileName)))].sort(), [path.basename(caller), path.basename(helper)].sort());
    assert.ok(fix.edits.every((edit) => edit.range), 'edits in other files carry their range');
    const texts = applyFix(engine, fix);
    const fixedCaller = texts.find(([name]) => name.endsWith(caller))[1];
    assert.match(fixedCaller, /^ {4}(return )?await (dump|ping)\(/m);
    assert.match(texts.find(([name]) => name.endsWith(helper))[1], /^async def (dump|ping)\(/m);
    const result = checkEveryFix(fileName, 'blocking-call');
    assert.equal(result.fixable, 1);
  }
});

function fixedText(source, ruleId = 'blocking-call', title) {
  const dir = mkdtempSync(path.join(scratch, 'case-'));
  const fileName = path.join(dir, 'case.py');
  writeFileSync(fileName, source);
  const engine = createEngine({ root: dir });
  const found = findingsOf(engine.analyzeFile(fileName), ruleId);
  const fixes = found.flatMap((finding) => ownFixes(finding)).filter((fix) => !title || fix.title.startsWith(title));
  if (fixes.length === 0) return { found: found.length, text: undefined };
  return { found: found.length, text: applyEdits(source, fixes[0].edits), title: fixes[0].title };
}

test('time.sleep becomes await asyncio.sleep; import asyncio goes after the docstring and __future__ imports', () => {
  const source = '"""Doc."""\nfrom __future__ import annotations\n\nimport time\n\n\nasync def poll():\n    time.sleep(0.5)\n';
  assert.equal(fixedText(source).text, '"""Doc."""\nfrom __future__ import annotations\n\nimport asyncio\nimport time\n\n\nasync def poll():\n    await asyncio.sleep(0.5)\n');
});

test('other blocking calls move to await asyncio.to_thread(callee, same arguments), keyword arguments kept; no second import', () => {
  const source = 'import asyncio\nimport subprocess\n\n\nasync def run(args):\n    return subprocess.run(args, check=True, cwd="/tmp")\n';
  assert.equal(fixedText(source).text, 'import asyncio\nimport subprocess\n\n\nasync def run(args):\n    return await asyncio.to_thread(subprocess.run, args, check=True, cwd="/tmp")\n');
  const method = 'import asyncio\nimport httpx\n\n\nasync def get(url):\n    client = httpx.Client()\n    return client.get(url, params={"a": 1}).json()\n';
  assert.equal(fixedText(method).text, 'import asyncio\nimport httpx\n\n\nasync def get(url):\n    client = httpx.Client()\n    return (await asyncio.to_thread(client.get, url, params={"a": 1})).json()\n');
  const noArguments = 'import asyncio\n\n\nasync def ask():\n    return input()\n';
  assert.equal(fixedText(noArguments).text, 'import asyncio\n\n\nasync def ask():\n    return await asyncio.to_thread(input)\n');
});

test('no fix where await is not allowed: a lambda callback, a generator expression, a sync callback', () => {
  const lambda = 'import time\n\n\ndef schedule(loop):\n    loop.call_soon(lambda: time.sleep(1))\n';
  assert.deepEqual(fixedText(lambda), { found: 1, text: undefined });
  const generator = 'import os.path\n\n\nasync def sizes(paths):\n    return sum(os.path.getsize(p) for p in paths)\n';
  assert.deepEqual(fixedText(generator), { found: 1, text: undefined });
  const comprehension = 'import os.path\n\n\nasync def sizes(paths):\n    return [os.path.getsize(p) for p in paths]\n';
  assert.equal(fixedText(comprehension).text, 'import asyncio\nimport os.path\n\n\nasync def sizes(paths):\n    return [await asyncio.to_thread(os.path.getsize, p) for p in paths]\n');
});

test('no to_thread fix when the name asyncio means something else in scope', () => {
  const source = 'import time\n\n\nasync def poll(asyncio):\n    time.sleep(1)\n';
  assert.deepEqual(fixedText(source), { found: 1, text: undefined });
});

test('add await: in a condition, before an attribute read (parenthesised), and not in a sync function', () => {
  const source = 'async def check():\n    return True\n\n\nasync def fetch():\n    return 1\n\n\nasync def main():\n    if check():\n        pass\n    return fetch().real\n';
  const dir = mkdtempSync(path.join(scratch, 'await-'));
  const fileName = path.join(dir, 'case.py');
  writeFileSync(fileName, source);
  const engine = createEngine({ root: dir });
  const found = findingsOf(engine.analyzeFile(fileName), 'unawaited-coroutine');
  assert.equal(found.length, 2);
  assert.equal(applyEdits(source, ownFixes(found[0])[0].edits).split('\n')[9], '    if await check():');
  assert.equal(applyEdits(source, ownFixes(found[1])[0].edits).split('\n')[11], '    return (await fetch()).real');
  assert.deepEqual(fixedText('async def save():\n    pass\n\n\ndef sync():\n    save()\n', 'unawaited-coroutine'), { found: 1, text: undefined });
});

test('make the helper async is offered only when every call of the helper is in an async def', () => {
  const both = 'import time\n\n\ndef helper():\n    time.sleep(1)\n\n\nasync def a():\n    helper()\n\n\ndef b():\n    helper()\n';
  assert.deepEqual(fixedText(both, 'blocking-call', 'Make '), { found: 1, text: undefined });
  const passed = 'import asyncio\nimport time\n\n\ndef helper():\n    time.sleep(1)\n\n\nasync def a():\n    helper()\n    await asyncio.to_thread(helper)\n';
  assert.deepEqual(fixedText(passed, 'blocking-call', 'Make '), { found: 1, text: undefined }, 'a reference passed along would get a coroutine function');
  const only = 'import time\n\n\ndef helper():\n    time.sleep(1)\n\n\nasync def a():\n    x = helper()\n    return x\n';
  assert.equal(fixedText(only, 'blocking-call', 'Make ').text, 'import asyncio\nimport time\n\n\nasync def helper():\n    await asyncio.sleep(1)\n\n\nasync def a():\n    x = await helper()\n    return x\n');
});

test('no make-async fix for special methods (a constructor) or decorated helpers', () => {
  const constructor = 'import time\n\n\nclass K:\n    def __init__(self):\n        time.sleep(1)\n\n\nasync def make():\n    return K()\n';
  assert.deepEqual(fixedText(constructor, 'blocking-call', 'Make '), { found: 1, text: undefined });
  const property = 'import time\n\n\nclass K:\n    @property\n    def value(self):\n        time.sleep(1)\n        return 1\n\n    async def read(self):\n        return self.value()\n';
  assert.deepEqual(fixedText(property, 'blocking-call', 'Make '), { found: 1, text: undefined });
});

test('time.sleep(secs=...) keeps its keyword through to_thread (asyncio.sleep calls it delay)', () => {
  const source = 'import asyncio\nimport time\n\n\nasync def poll():\n    time.sleep(secs=1)\n';
  assert.equal(fixedText(source).text, 'import asyncio\nimport time\n\n\nasync def poll():\n    await asyncio.to_thread(time.sleep, secs=1)\n');
});
