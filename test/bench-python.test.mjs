// The Python part of the bench: the generated project is deterministic, valid Python whose every
// module imports (relative, absolute and re-exported names all resolve), with a 2,000-line module;
// the editor-loop edits (bench/python-edits.mjs) land where their names say, keep the file valid
// and every pair restores the original text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PY_EDIT_FILE, generatePythonProject } from '../bench/generate-python.mjs';
import { EDIT_KINDS, applyEdit, editPositions, editsFor, pythonSyntaxOk } from '../bench/python-edits.mjs';

const temp = (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loopguard-bench-py-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

test('generated project: N modules, deterministic per seed, every module imports under python3, a 2,000-line module', (t) => {
  const a = temp(t);
  const b = temp(t);
  const first = generatePythonProject(a, { modules: 200 });
  const second = generatePythonProject(b, { modules: 200 });
  assert.equal(first.modules, 200);
  assert.deepEqual(first.files, second.files);
  for (const file of first.files) assert.equal(readFileSync(path.join(a, file), 'utf8'), readFileSync(path.join(b, file), 'utf8'), file);
  const other = temp(t);
  generatePythonProject(other, { modules: 200, seed: 2 });
  assert.ok(first.files.some((file) => readFileSync(path.join(a, file), 'utf8') !== readFileSync(path.join(other, file), 'utf8')), 'another seed, another project');

  const all = first.files.filter((file) => file.endsWith('.py')).map((file) => readFileSync(path.join(a, file), 'utf8')).join('\n');
  for (const form of [/^from \.m_\d+ import /m, /^from \.\.\w+\.m_\d+ import /m, /^from \.\.\.\w+\.\w+\.m_\d+ import /m, /^import app\.[\w.]+ as \w+$/m, /^from app\.\w+\.\w+ import /m, /asyncio\.create_task\(/, /asyncio\.gather\(/, /time\.sleep\(/, /requests\.get\(/, /^class \w+:/m, /^    async def /m]) {
    assert.match(all, form);
  }
  assert.equal(readFileSync(path.join(a, PY_EDIT_FILE), 'utf8').split('\n').length - 1, 2000);
  // Import every module (requests stubbed: it need not be installed): all imports resolve.
  const script = `
import sys, types, pkgutil, importlib
sys.path.insert(0, 'src')
sys.modules['requests'] = types.ModuleType('requests')
import app
names = [m.name for m in pkgutil.walk_packages(app.__path__, 'app.')]
for name in names: importlib.import_module(name)
print(len(names))
`;
  const run = spawnSync('python3', ['-c', script], { cwd: a, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(Number(run.stdout.trim()), 199, 'every module but app/__init__.py itself');
});

const SOURCE = `"""Module."""
import asyncio
from .helpers import load as load_it, save


def top(x):
    return x


class Service:
    # a comment first
    def size(self):
        return 1

    async def refresh(self):
        # comment
        await asyncio.sleep(0)


async def standalone():
    await asyncio.sleep(0)


@decorator
def last():
    pass
`;
const lineOf = (text, offset) => text.slice(0, offset).split('\n').length;

test('python edit positions: first async method body, first sync method body, after the last top-level def, after the last import, the end', () => {
  const { positions, importSpecifier } = editPositions('x.py', SOURCE);
  assert.equal(lineOf(SOURCE, positions['async-body']), 17, 'the method, not the function; after its comment');
  assert.equal(lineOf(SOURCE, positions['sync-body']), 13, 'the method, not the function top()');
  assert.equal(lineOf(SOURCE, positions['top-level-def']), 26, 'after the decorated last()');
  assert.equal(lineOf(SOURCE, positions.import), 3);
  assert.equal(positions.eof, SOURCE.length);
  assert.equal(importSpecifier.indent['async-body'], '        ');
  assert.equal(importSpecifier.importLine('_x'), 'from .helpers import load as _x');
});

test('python edits keep the file valid (tree-sitter and py_compile), and every pair restores the text', (t) => {
  const dir = temp(t);
  const { positions, importSpecifier } = editPositions('x.py', SOURCE);
  for (const [kind] of EDIT_KINDS) {
    let text = SOURCE;
    const edits = editsFor(kind, positions[kind], 5, importSpecifier);
    assert.equal(edits.length, 6, `${kind}: an odd count gets an unmeasured removal`);
    for (const [i, edit] of edits.entries()) {
      text = applyEdit(text, edit);
      assert.ok(pythonSyntaxOk(text), `${kind} edit ${i}`);
      if (i % 2 === 0) {
        assert.notEqual(text, SOURCE);
        const file = path.join(dir, `${kind}.py`);
        writeFileSync(file, text);
        const compiled = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
        assert.equal(compiled.status, 0, `${kind} edit ${i}: ${compiled.stderr}`);
      } else assert.equal(text, SOURCE, `${kind}: pair ${i >> 1} restores the text`);
    }
  }
});

test('pythonSyntaxOk sees a broken file', () => {
  assert.equal(pythonSyntaxOk('def f(:\n  pass\n'), false);
  assert.equal(pythonSyntaxOk(SOURCE), true);
});
