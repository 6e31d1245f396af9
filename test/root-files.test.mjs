// Files that no tsconfig/jsconfig lists go to the inferred project. The CLI and Scan Workspace
// register every listed file as a root before analysing (ProjectHost.addRootFiles), so a folder of
// N such files costs one program, not one rebuild per file. Counts work, not time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from './helpers/engine.mjs';

const FILES = 12;

function withConfiglessFolder(run) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-roots-'));
  try {
    const files = [];
    for (let i = 0; i < FILES; i++) {
      const file = path.join(root, `handler${i}.js`);
      writeFileSync(file, `const fs = require('fs');\nasync function handle${i}() { return fs.readFileSync('x${i}'); }\nmodule.exports = { handle${i} };\n`);
      files.push(file);
    }
    return run(root, files);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function analyseAll(engine, files) {
  return files.map((file) => engine.analyzeFile(file).findings.filter((finding) => finding.ruleId === 'blocking-call').length);
}

test('registering the listed files first builds one program for a folder without a config', () => {
  withConfiglessFolder((root, files) => {
    const engine = createEngine({ root });
    engine.host.addRootFiles(files);
    const found = analyseAll(engine, files);
    assert.deepEqual(found, files.map(() => 1), 'every file still gets its finding');
    assert.equal(engine.host.stats.programsCreated, 1);
  });
});

test('without registering, each new file rebuilds the program (what addRootFiles avoids)', () => {
  withConfiglessFolder((root, files) => {
    const engine = createEngine({ root });
    const found = analyseAll(engine, files);
    assert.deepEqual(found, files.map(() => 1));
    assert.equal(engine.host.stats.programsCreated, FILES);
  });
});
