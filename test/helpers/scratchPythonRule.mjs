// A throw-away Python rule, declared only by its definition, for the tests of what the adapters and
// the generator do with Python rules while the real ones are written elsewhere: the in-process
// server (test/server-python.test.mjs), the generator's scratch registry (test/gen-python.test.mjs).
// It reports `time.sleep(...)` called directly in an `async def` (resolved through imports, so
// `self.sleep` and `asyncio.sleep` are not it) with the safe fix `await asyncio.sleep(...)`.

/** The innermost function around a node, or undefined at module level. */
function enclosingFunction(node) {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition') return current;
    if (current.type === 'lambda' || current.type === 'class_definition') return undefined;
  }
  return undefined;
}

const isAsync = (definition) => definition.children.some((child) => child?.type === 'async');

export function scratchPythonRule(id = 'scratch-sleep-in-async') {
  return {
    id,
    language: 'python',
    concept: 'avoiding-blocking-calls',
    concepts: { 'avoiding-blocking-calls': '`time.sleep` in an `async def` (scratch Python rule).' },
    defaultSeverity: 'warning',
    description: 'A `time.sleep` call in an `async def` (scratch Python rule).',
    summary: '`time.sleep` in an `async def` (scratch Python rule of the tests)',
    messages: { sleep: "'{api}' blocks the event loop; use 'await asyncio.sleep(...)'." },
    fixAllSafe: '"Use await asyncio.sleep" (scratch).',
    docs: {
      what: 'A `time.sleep(...)` call directly in an `async def` (scratch python what).',
      why: 'It stops every other task for the whole delay (scratch python why).',
      notReported: ['`self.sleep(...)` and `asyncio.sleep` (scratch python not reported).'],
      severity: 'Warning (scratch python severity).',
      reference: "Ruff's `ASYNC251` (scratch python reference).",
      examples: [
        {
          invalid: 'import time\n\nasync def handler():\n    time.sleep(1)\n',
          valid: 'import asyncio\n\nasync def handler():\n    await asyncio.sleep(1)\n',
        },
      ],
    },
    options: {
      scratchSleepAllowed: {
        schema: { type: 'boolean' },
        default: false,
        description: 'Accept time.sleep in async defs (scratch Python option).',
        summary: 'accept time.sleep (scratch Python)',
      },
    },
    create(context) {
      const { module } = context;
      if (context.settings.scratchSleepAllowed) return {};
      return {
        call(node) {
          if (module.names.calleeName(node) !== 'time.sleep') return;
          const definition = enclosingFunction(node);
          if (!definition || !isAsync(definition)) return;
          const callee = node.childForFieldName('function');
          const args = node.childForFieldName('arguments');
          context.report({
            node: callee,
            messageId: 'sleep',
            data: { api: 'time.sleep' },
            fixes: [{
              title: 'Use await asyncio.sleep',
              kind: 'safe',
              preferred: true,
              edits: [{ fileName: module.fileName, start: node.startIndex, end: node.endIndex, newText: `await asyncio.sleep${args.text}` }],
            }],
          });
        },
      };
    },
  };
}
