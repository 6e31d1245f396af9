// Incremental regression guard: after a one-line edit, the work the engine does must not grow with
// the project. It counts work (files re-parsed, programs built, TypeScript's structure reuse), not
// time, so it is stable on a busy machine. Two generated projects (40 and 160 files) must give the
// same counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from './helpers/engine.mjs';
import { BUSY_FILE, HUB_FILE, LEAF_DIR, generateProject } from '../bench/generate.mjs';

const COMPLETELY = 2; // ts.StructureIsReused.Completely

function editOneLine(text) {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes('return parts.join') || line.includes('DEFAULT_TIMEOUT_MS = '));
  assert.ok(index >= 0, 'the generated file has the line the test edits');
  lines[index] = lines[index].replace(/;\s*$/, '; // edited');
  return lines.join('\n');
}

/** Analyses `file`, edits one line of it, analyses again; returns what the edit cost. */
function measureEdit(engine, file) {
  engine.analyzeFile(file);
  const before = { ...engine.host.stats };
  engine.host.setOverlay(file, editOneLine(readFileSync(file, 'utf8')));
  const report = engine.analyzeFile(file);
  const after = engine.host.stats;
  return {
    textUpdates: after.textUpdates - before.textUpdates,
    programsCreated: after.programsCreated - before.programsCreated,
    filesParsed: after.filesParsed - before.filesParsed,
    structureReuse: after.lastStructureReuse,
    notes: report.notes,
  };
}

function measureProject(files) {
  const root = mkdtempSync(path.join(os.tmpdir(), `loopguard-incremental-${files}-`));
  try {
    generateProject(root, { files });
    const engine = createEngine({ root });
    const leaf = path.join(root, LEAF_DIR, 'helper0.ts');
    const hub = path.join(root, HUB_FILE);
    // The program must hold the whole project, as in the editor: analysing the busy service first
    // pulls in its imports; the tsconfig includes every file anyway.
    engine.analyzeFile(path.join(root, BUSY_FILE));
    // Warm-up edit: ts-morph adds the lib and @types files it loaded to its root names after the
    // first program, so the first rebuild cannot reuse the program structure (a one-off, O(project)).
    measureEdit(engine, path.join(root, LEAF_DIR, 'helper1.ts'));
    const total = engine.host.program(engine.host.projectFor(leaf)).getSourceFiles().filter((file) => file.fileName.startsWith(root)).length;
    return { total, leaf: measureEdit(engine, leaf), hub: measureEdit(engine, hub), again: measureEdit(engine, path.join(root, LEAF_DIR, 'helper2.ts')) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('a one-line edit re-parses one file and rebuilds one program, whatever the project size', () => {
  const small = measureProject(40);
  const large = measureProject(160);
  assert.ok(large.total > small.total * 3, `the larger project holds more files (${small.total} vs ${large.total})`);
  for (const kind of ['leaf', 'hub', 'again']) {
    const expected = { textUpdates: 1, programsCreated: 1, filesParsed: 1, structureReuse: COMPLETELY, notes: [] };
    assert.deepEqual(small[kind], expected, `${kind} edit, 40 files`);
    assert.deepEqual(large[kind], small[kind], `${kind} edit: 160 files cost the same as 40`);
  }
});
