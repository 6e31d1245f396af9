// Work counting for Python files (a regression guard that counts work, never time): after an edit
// in one module, analysing every module of a project parses only the edited one again
// (Engine.stats.pythonParses), and analysing unchanged files parses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine, engineModule } from './helpers/engine.mjs';
import { generatedPythonProject } from './helpers/generatedPython.mjs';

test('one edit in a module re-parses only that module; unchanged modules are not parsed again', async (t) => {
  await engineModule.preparePython();
  const { root, files, big: edited } = generatedPythonProject(t, 40);
  const engine = createEngine({ root });
  const analyseAll = () => {
    for (const file of files) {
      const report = engine.analyzeFile(file);
      assert.ok(!report.notes.some((note) => note.includes('skipped')), report.notes.join('\n'));
    }
  };
  analyseAll();
  assert.equal(engine.stats.pythonParses, files.length, 'each module parsed once');

  analyseAll();
  assert.equal(engine.stats.pythonParses, files.length, 'nothing changed: nothing parsed again');

  engine.host.setOverlay(edited, `${readFileSync(edited, 'utf8')}\n_edited = 1\n`);
  analyseAll();
  assert.equal(engine.stats.pythonParses, files.length + 1, 'only the edited module parsed again');

  const helper = files.find((file) => file.endsWith(path.join('core_0', 'm_0.py')));
  engine.host.setOverlay(helper, `${readFileSync(helper, 'utf8')}\n_edited = 2\n`);
  analyseAll();
  assert.equal(engine.stats.pythonParses, files.length + 2, 'a module every layer may import: still only itself');
});

test('only a file open in the editor keeps tree-sitter\'s tree after its first parse; the others keep only the copy', async (t) => {
  await engineModule.preparePython();
  const { root, files, big: open } = generatedPythonProject(t, 40);
  const engine = createEngine({ root });
  engine.host.setOverlay(open, readFileSync(open, 'utf8'));
  for (const file of files) engine.analyzeFile(file);
  // The engine's parses (a private field: what is kept is the behaviour under test).
  const parses = engine.pythonTrees.parses;
  const kept = files.filter((file) => parses.get(file)?.parsed);
  assert.deepEqual(kept, [open], 'tree-sitter trees kept');
  const edited = files.find((file) => file !== open);
  engine.host.setOverlay(edited, `${readFileSync(edited, 'utf8')}\n_edited = 1\n`);
  engine.analyzeFile(edited);
  assert.ok(parses.get(edited)?.parsed, 'an edited file gets its tree back');
});
