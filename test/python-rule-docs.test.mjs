// Every Python rule's documented examples hold: each `invalid` snippet gets a finding of the rule,
// each `valid` one none, and both compile (`python3 -m py_compile`). The generator renders them on
// the rule pages, so a wrong example would teach the wrong thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, engineModule, findingsOf } from './helpers/engine.mjs';

await engineModule.preparePython();
const engine = createEngine({ rules: [], pythonRules: engineModule.PYTHON_RULES });

for (const rule of engineModule.PYTHON_RULES) {
  test(`${rule.id} (Python): the docs' examples get the verdicts they show`, () => {
    assert.ok(rule.docs.examples.length > 0, 'at least one example');
    for (const [index, example] of rule.docs.examples.entries()) {
      for (const kind of ['invalid', 'valid']) {
        const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'loopguard-pydoc-')), example.file ?? 'example.py');
        writeFileSync(file, example[kind]);
        const compiled = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
        assert.equal(compiled.status, 0, `${rule.id} example ${index} ${kind} does not compile: ${compiled.stderr}`);
        const findings = findingsOf(engine.analyzeFile(file));
        if (kind === 'invalid') assert.ok(findings.some((finding) => finding.ruleId === rule.id), `${rule.id} example ${index}: the invalid snippet has no finding`);
        // The fixed version is clean for every Python rule: an example never trades one finding for another.
        else assert.deepEqual(findings.map((finding) => `${finding.ruleId}: ${finding.message}`), [], `${rule.id} example ${index}: the valid snippet has findings`);
      }
    }
  });
}
