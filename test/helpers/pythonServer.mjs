// The language server over stdio with the scratch Python rule (test/helpers/scratchPythonRule.mjs)
// instead of the registry's Python rules, for test/server-python.test.mjs: `new LspClient({ server:
// <this file> })`. Scan Workspace runs in this process (a worker would load the registry's rules).
import { createRequire } from 'node:module';
import { scratchPythonRule } from './scratchPythonRule.mjs';

process.env.LOOPGUARD_SCAN_IN_PROCESS = '1';
const require = createRequire(import.meta.url);
// A second rule that throws on files containing `LOOPGUARD_TEST_EXPLODE`: a rule failure must reach the user.
const exploding = {
  ...scratchPythonRule('scratch-exploding'),
  // Its own id: the scratch rule's option belongs to that rule only.
  options: undefined,
  create(context) {
    if (context.module.text.includes('LOOPGUARD_TEST_EXPLODE')) throw new TypeError('scratch Python rule failure');
    return {};
  },
};
require('../../dist/server.js').startStdioServer({ pythonRules: [scratchPythonRule(), exploding] });
