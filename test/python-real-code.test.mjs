// Shapes met in real async libraries (docs/accuracy/python-real-code.md) that one fixture file per
// rule cannot hold: a module's imports decide them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createEngine, engineModule, findingsOf, fixturesRoot } from './helpers/engine.mjs';

await engineModule.preparePython();
const engine = createEngine({ rules: [], pythonRules: engineModule.PYTHON_RULES });

function analyse(text, ruleId) {
  const fileName = path.join(fixturesRoot, 'python-real-code', 'overlay.py');
  engine.host.setOverlay(fileName, text);
  try {
    return findingsOf(engine.analyzeFile(fileName), ruleId);
  } finally {
    engine.host.removeOverlay(fileName);
  }
}

const AT_END_OF_ACLOSE = (header) => `${header}


class Connection:
    async def aclose(self):
        try:
            await self.send_close()
        except BaseException:
            await self.force_close()
        await self.wait_closed()
`;

test('cancellation-swallowed: a trio module is not held to asyncio cancellation (trio re-raises Cancelled at the next checkpoint)', () => {
  assert.deepEqual(analyse(AT_END_OF_ACLOSE('import trio'), 'cancellation-swallowed'), []);
});

test('cancellation-swallowed: the same handler in an asyncio module is reported', () => {
  assert.equal(analyse(AT_END_OF_ACLOSE('import asyncio'), 'cancellation-swallowed').length, 1);
  assert.equal(analyse(AT_END_OF_ACLOSE('import asyncio\nimport trio'), 'cancellation-swallowed').length, 1);
});
