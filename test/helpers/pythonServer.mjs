// The language server over stdio with the scratch Python rule (test/helpers/scratchPythonRule.mjs)
// instead of the registry's Python rules, for test/server-python.test.mjs: `new LspClient({ server:
// <this file> })`. Scan Workspace runs in this process (a worker would load the registry's rules).
import { createRequire } from 'node:module';
import { scratchPythonRule } from './scratchPythonRule.mjs';

process.env.LOOPGUARD_SCAN_IN_PROCESS = '1';
const require = createRequire(import.meta.url);
require('../../dist/server.js').startStdioServer({ pythonRules: [scratchPythonRule()] });
