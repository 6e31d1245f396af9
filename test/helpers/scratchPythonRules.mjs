// Throw-away Python rules for the tests of the Python adapters (suppressions, baseline, CLI), so
// they need none of the real Python rules: a `blocking-call` that reports every call of `time.sleep`
// (with a safe fix to `await asyncio.sleep(...)` inside an `async def`) and every call of `helper()`
// when a `helpers.py` beside the file calls `time.sleep` (a finding that depends on another module,
// as the project model's will), and a Python-only `dangling-task` that reports an
// `asyncio.create_task(...)` statement. The blocking-call throws on a file holding
// `# scratch: throw` (a rule failure). No imports from the engine: the CLI tests bundle this file.
import fs from 'node:fs';
import path from 'node:path';

const common = {
  language: 'python',
  concept: 'blocking-the-loop',
  concepts: { 'blocking-the-loop': 'scratch Python rule.' },
  defaultSeverity: 'warning',
  docs: { what: 'scratch', why: 'scratch', notReported: [], severity: 'scratch', reference: 'scratch', examples: [] },
};

function insideAsyncDef(node) {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition') return current.text.startsWith('async');
  }
  return false;
}

export const scratchBlockingCall = {
  ...common,
  id: 'blocking-call',
  description: 'scratch: time.sleep in Python',
  messages: { sleep: "'{name}' blocks the event loop; use 'await asyncio.sleep(...)'.", helper: "'helper()' calls time.sleep (in helpers.py)." },
  fixAllSafe: true,
  create(context) {
    const { module } = context;
    if (module.text.includes('# scratch: throw')) throw new TypeError('scratch failure');
    return {
      call(node) {
        const callee = node.childForFieldName('function');
        const name = module.names.calleeName(node);
        if (name === 'time.sleep') {
          const args = node.childForFieldName('arguments');
          const fixes = insideAsyncDef(node)
            ? [{ title: 'Use await asyncio.sleep(...)', kind: 'safe', preferred: true, edits: [{ fileName: module.fileName, start: node.startIndex, end: node.endIndex, newText: `await asyncio.sleep${args.text}` }] }]
            : [];
          context.report({ node: callee, messageId: 'sleep', data: { name: callee.text }, fixes });
        } else if (callee.type === 'identifier' && callee.text === 'helper') {
          let helpers = '';
          try {
            helpers = fs.readFileSync(path.join(path.dirname(module.fileName), 'helpers.py'), 'utf8');
          } catch {
            return;
          }
          if (helpers.includes('time.sleep')) context.report({ node: callee, messageId: 'helper' });
        }
      },
    };
  },
};

export const scratchDanglingTask = {
  ...common,
  id: 'dangling-task',
  concept: 'tasks-and-futures',
  concepts: { 'tasks-and-futures': 'scratch Python rule.' },
  description: 'scratch: a task nobody keeps',
  messages: { dangling: 'The task of create_task is not kept.' },
  create(context) {
    return {
      expression_statement(node) {
        const call = node.namedChildren[0];
        if (call?.type === 'call' && context.module.names.calleeName(call) === 'asyncio.create_task') context.report({ node: call, messageId: 'dangling' });
      },
    };
  },
};

export const scratchPythonRules = [scratchBlockingCall, scratchDanglingTask];
