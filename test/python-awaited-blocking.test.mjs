// An awaited module function that blocks (`await time.sleep(1)`, as Ruff's ASYNC251 reports) is a
// blocking call, and its fix replaces the whole `await` expression: `await asyncio.sleep(1)`, not
// `await await asyncio.sleep(1)`. An awaited method call stays an async client's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createEngine, engineModule, findingsOf, ownFixes, repoRoot } from './helpers/engine.mjs';

await engineModule.preparePython();
const engine = createEngine({ rules: [], pythonRules: engineModule.PYTHON_RULES });
const fileName = path.join(repoRoot, 'test/fixtures/scratch-awaited-blocking.py');

function blockingFindings(text) {
  engine.host.setOverlay(fileName, text);
  try {
    return findingsOf(engine.analyzeFile(fileName), 'blocking-call');
  } finally {
    engine.host.removeOverlay(fileName);
  }
}

test('await time.sleep(1) is reported, and its fix replaces the await', () => {
  const text = 'import asyncio\nimport time\n\n\nasync def poll():\n    await time.sleep(1)\n';
  const [finding, ...rest] = blockingFindings(text);
  assert.equal(rest.length, 0);
  assert.match(finding.message, /time\.sleep\(\)/);
  const fix = ownFixes(finding)[0];
  assert.equal(engineModule.applyEdits(text, fix.edits), 'import asyncio\nimport time\n\n\nasync def poll():\n    await asyncio.sleep(1)\n');
});

test('await requests.get(u) is reported; await client.get(u) on an annotated sync client is not (a method, awaited)', () => {
  const text = 'import httpx\nimport requests\n\n\nasync def fetch(client: httpx.Client, u):\n    await requests.get(u)\n    await client.get(u)\n';
  assert.deepEqual(blockingFindings(text).map((finding) => finding.line + 1), [6]);
});
