// A throw-away rule, declared only by its definition, for the tests that show what adding a rule
// takes: the generator (test/gen.test.mjs) and the fix-output harness (test/scratch-rule.test.mjs)
// must pick it up from a scratch registry with no change to their own code.
import { engineModule } from './engine.mjs';

const { ts } = engineModule;

/** `Promise.reject('text')` -> reported, with the fix "Reject with an Error". */
function isPromiseReject(node) {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
    && ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'Promise'
    && node.expression.name.text === 'reject' && node.arguments.length === 1;
}

export const scratchRule = {
  id: 'promise-reject-non-error',
  concept: 'error-handling',
  defaultSeverity: 'warning',
  description: 'A promise rejected with a value that is not an Error, so the rejection carries no stack.',
  summary: 'a rejection with a value that is not an `Error` (scratch rule of test/gen.test.mjs)',
  concepts: {
    'error-handling': 'a rejection with a value that carries no stack (scratch).',
    'tasks-and-futures': 'a promise settled with something that is not an Error (scratch).',
  },
  background: { coroutines: 'rejections without stacks (scratch).' },
  messages: { nonError: "'{value}' is not an Error; reject with new Error(...)." },
  docs: {
    what: 'A `reject(x)` or `throw x` in a promise chain where `x` is not an `Error` (scratch what).',
    why: 'A rejection without a stack says nothing about where it came from (scratch why).',
    notReported: ['Values typed `any` (scratch not reported).'],
    severity: 'Warning; info for string literals (scratch severity).',
    reference: "typescript-eslint's `prefer-promise-reject-errors` (scratch reference).",
    examples: [{ invalid: "Promise.reject('nope');\n", valid: "Promise.reject(new Error('nope'));\n" }],
  },
  options: {
    allowRejectWithStrings: {
      schema: { type: 'boolean' },
      default: false,
      description: 'Also accept string reasons (scratch option).',
      summary: 'accept string reasons (scratch)',
    },
  },
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        if (!isPromiseReject(node) || context.settings.allowRejectWithStrings) return;
        const [reason] = node.arguments;
        if (!ts.isStringLiteral(reason)) return;
        const text = reason.getText(context.sourceFile);
        context.report({
          node: reason,
          messageId: 'nonError',
          data: { value: reason.text },
          fixes: [{
            title: 'Reject with an Error',
            kind: 'suggestion',
            edits: [{ fileName: context.sourceFile.fileName, start: reason.getStart(context.sourceFile), end: reason.getEnd(), newText: `new Error(${text})` }],
          }],
        });
      },
    };
  },
};
