// unhandled-rejection checks that are not fix outputs (those are data under
// test/fixtures/rules/unhandled-rejection/fixes/): what the rule's scope depends on beyond the
// reported node, which a single caret-marked case cannot show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { findingsOf, fixturesRoot, parseExpectations, readText } from './helpers/engine.mjs';
import { engineFor } from './helpers/fixCases.mjs';

const RULE = 'unhandled-rejection';
const engine = engineFor();
let counter = 0;

function findingsIn(text) {
  const fileName = path.join(fixturesRoot, 'rules', RULE, `virtual-scope-${++counter}.ts`);
  engine.host.setOverlay(fileName, text);
  return findingsOf(engine.analyzeFile(fileName), RULE);
}

test('EventEmitter.captureRejections = true in the file: listeners are not reported', () => {
  const prelude = `import { EventEmitter } from 'node:events';\ndeclare function save(item: { id: string }): Promise<void>;\nconst emitter = new EventEmitter();\n`;
  const body = `emitter.on('job', async () => {\n  await save({ id: 'job' });\n});\n`;
  assert.equal(findingsIn(`${prelude}${body}`).length, 1);
  assert.equal(findingsIn(`${prelude}EventEmitter.captureRejections = true;\n${body}`).length, 0);
});

// The one place where a void site is still known by the callee's name. In a JS project without
// @types/node (its own tsconfig, `types: []`), `require('timers')` is untyped, so the parameter's
// declared type cannot decide; the timers are recognised by name.
test('untyped timers (no @types/node) are judged by name', () => {
  const file = path.join(fixturesRoot, 'rules', RULE, 'untyped', 'timers.js');
  const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;
  const expected = parseExpectations(readText(file)).map(key);
  assert.deepEqual(findingsOf(engine.analyzeFile(file), RULE).map(key), expected);
  assert.equal(expected.length, 1);
});
