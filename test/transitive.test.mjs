// Transitive blocking: calls in event-loop code that reach a blocking API through project
// helpers (across files, re-exports, methods, consts) are reported with the chain as related
// information; the same helpers called at start-up stay silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createEngine, describeFinding, findingsOf, fixturesRoot, parseExpectations, readText } from './helpers/engine.mjs';

const root = path.join(fixturesRoot, 'transitive');
const engine = createEngine();
const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;

for (const name of ['handlers.ts', 'startup.ts']) {
  test(`transitive blocking in ${name} matches the carets`, () => {
    const file = path.join(root, name);
    const expected = parseExpectations(readText(file));
    const actual = findingsOf(engine.analyzeFile(file), 'blocking-call');
    assert.deepEqual(actual.map(key).sort(), expected.map(key).sort(), actual.map(describeFinding).join('\n'));
  });
}

test('the chain is listed as related information, down to the blocking API', () => {
  const file = path.join(root, 'handlers.ts');
  const [first] = findingsOf(engine.analyzeFile(file), 'blocking-call');
  assert.match(first.message, /'loadConfig\(\)' blocks the event loop inside async function 'handleRequest': it reaches fs\.readFileSync through readJson\(\)/);
  const steps = first.related.map((related) => `${path.basename(related.fileName)}: ${related.message}`);
  assert.deepEqual(steps, [
    'config.ts: loadConfig() calls readJson()',
    'json.ts: readJson() calls fs.readFileSync(), which blocks',
  ]);
});

test('summaries are cached: a second analysis of an unchanged project computes nothing new', () => {
  const file = path.join(root, 'handlers.ts');
  engine.analyzeFile(file);
  const before = engine.blockingSummaries.computed;
  engine.analyzeFile(file);
  assert.equal(engine.blockingSummaries.computed, before);
  // Editing the leaf helper invalidates the summaries that looked at it, and only those.
  const json = path.join(root, 'lib/json.ts');
  const text = readText(json);
  engine.host.setOverlay(json, text.replace("fs.readFileSync(file, 'utf8')", "'{}'"));
  try {
    const after = findingsOf(engine.analyzeFile(file), 'blocking-call');
    assert.ok(!after.some((finding) => finding.message.includes('readJson()')), 'readJson no longer blocks');
    assert.ok(engine.blockingSummaries.computed > before);
  } finally {
    engine.host.setOverlay(json, text);
  }
});
