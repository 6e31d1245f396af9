// Incremental regression guard: after a one-line edit, the work the engine does must not grow with
// the project. It counts work (files re-parsed, programs built, TypeScript's structure reuse, units
// of the edited file the rules walk again), not time, so it is stable on a busy machine. Two
// generated projects (40 and 160 files) must give the same counts.
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

/** A line typed into an async method of the busy service (as the benchmark's editor loop does). */
function addLineInAsyncMethod(text) {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes('await delay'));
  assert.ok(index >= 0, 'the busy service has an awaited delay');
  lines.splice(index + 1, 0, "    logger.info('refreshed', ids.length);");
  return lines.join('\n');
}

/** Analyses `file`, edits it, analyses again; returns what the edit cost. */
function measureEdit(engine, file, edit = editOneLine) {
  engine.analyzeFile(file);
  const before = { ...engine.host.stats, ...engine.stats };
  engine.host.setOverlay(file, edit(readFileSync(file, 'utf8')));
  const report = engine.analyzeFile(file);
  const after = engine.host.stats;
  return {
    textUpdates: after.textUpdates - before.textUpdates,
    programsCreated: after.programsCreated - before.programsCreated,
    filesParsed: after.filesParsed - before.filesParsed,
    structureReuse: after.lastStructureReuse,
    // Units (top-level statements, members of top-level classes) the rules walked again.
    unitsAnalysed: engine.stats.unitsAnalysed - before.unitsAnalysed,
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
    const total = engine.host.program(engine.host.projectFor(leaf)).getSourceFiles().filter((file) => file.fileName.startsWith(root)).length;
    // No warm-up: the very first edit after opening must already reuse the program's structure
    // (root names are the config's, and stay the same array across edits).
    const first = measureEdit(engine, path.join(root, LEAF_DIR, 'helper1.ts'));
    return {
      total,
      first,
      leaf: measureEdit(engine, leaf),
      hub: measureEdit(engine, hub),
      again: measureEdit(engine, path.join(root, LEAF_DIR, 'helper2.ts')),
      busy: measureEdit(engine, path.join(root, BUSY_FILE), addLineInAsyncMethod),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('a one-line edit re-parses one file and rebuilds one program, whatever the project size', () => {
  const small = measureProject(40);
  const large = measureProject(160);
  assert.ok(large.total > small.total * 3, `the larger project holds more files (${small.total} vs ${large.total})`);
  for (const kind of ['first', 'leaf', 'hub', 'again', 'busy']) {
    const { unitsAnalysed, ...rest } = small[kind];
    const expected = { textUpdates: 1, programsCreated: 1, filesParsed: 1, structureReuse: COMPLETELY, notes: [] };
    assert.deepEqual(rest, expected, `${kind} edit, 40 files`);
    assert.deepEqual(large[kind], small[kind], `${kind} edit: 160 files cost the same as 40`);
    // The hub edit adds a comment after the file's last statement: no unit's text changes.
    if (kind === 'hub') assert.equal(unitsAnalysed, 0, 'hub edit: a comment at the end of the file re-analyses no unit');
    else assert.ok(unitsAnalysed > 0, `${kind} edit: the edited unit is analysed`);
  }
  // A line added inside one async method of a class with dozens of members: only that member (and
  // members whose fixes reach outside themselves, never cached) is walked by the rules again.
  assert.ok(small.busy.unitsAnalysed <= 3, `busy edit: ${small.busy.unitsAnalysed} units analysed again`);
});

test('an old parse is kept for the next incremental parse only: spent by it, and let go when the file returns to disk', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-kept-parse-'));
  try {
    generateProject(root, { files: 40 });
    const engine = createEngine({ root });
    const busy = path.join(root, BUSY_FILE);
    const leaf = path.join(root, LEAF_DIR, 'helper1.ts');
    engine.analyzeFile(busy);
    engine.host.setOverlay(leaf, editOneLine(readFileSync(leaf, 'utf8')));
    assert.equal(engine.host.keptParseCount(), 1, 'the edited file keeps its old parse until it is parsed again');
    engine.analyzeFile(busy);
    assert.equal(engine.host.keptParseCount(), 0, 'the incremental parse spends it');
    // Edited, then closed before any program was built: the old parse must not stay behind.
    engine.host.setOverlay(leaf, `${readFileSync(leaf, 'utf8')}\n// typed`);
    engine.host.removeOverlay(leaf);
    assert.equal(engine.host.keptParseCount(), 0, 'a file back to its disk text is parsed afresh: no old parse kept');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
