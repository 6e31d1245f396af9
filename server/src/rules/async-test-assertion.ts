// async-test-assertion: async assertions, subtests and waits a test neither awaits nor returns. What it reports and why: the `docs` field below.
import { ts } from '../engine/compiler';
import { enclosingFunction, isAsyncFunction, skipParenthesesDown } from '../engine/analysis';
import { AsyncTestCall, asyncTestCall, isTestFile } from '../engine/analysis/testFrameworks';
import type { Fix } from '../engine/findings';
import { replaceNode } from '../engine/fixes';
import { RuleContext, defineRule } from '../engine/rule';

type MessageId = 'assertion' | 'subtest' | 'wait';

export default defineRule<MessageId>({
  id: 'async-test-assertion',
  concept: 'testing-async-code',
  defaultSeverity: 'info',
  description: 'An async assertion, subtest or wait in a test that is neither awaited nor returned, so the test can pass without checking.',
  docs: {
    what:
      'In a test file, an async assertion (`expect(p).rejects.toThrow()`, `expect(p).resolves.toBe(x)`, `assert.rejects(...)`, chai-as-promised), a node:test subtest (`t.test(...)`) or a framework wait that is neither awaited nor returned. Recognises node:test, Jest, Vitest and Mocha. The fix awaits it in an async test, or returns it when it is the last statement of a plain one.',
    why:
      'The test ends before the check settles and passes whatever the outcome. A subtest not awaited can be cancelled when its parent finishes, or its failure reported against nothing.',
    notReported: [
      'Files that are not test files.',
      'Assertions, subtests and waits that are awaited or returned.',
    ],
    severity:
      'Info by default. `floating-promise` leaves these statements to this rule, so one mistake is one finding; with this rule turned off, `floating-promise` reports them.',
    reference:
      "eslint-plugin-jest's `valid-expect` (async assertions must be awaited or returned) and typescript-eslint `no-floating-promises`, which reports the same statements as any other dropped promise.",
    examples: [
      {
        file: 'example.test.ts',
        invalid: `import { test } from 'node:test';
import assert from 'node:assert/strict';

declare function loadUser(id: string): Promise<{ id: string }>;

test('rejects unknown ids', async () => {
  assert.rejects(loadUser('nope'));
});
`,
        valid: `import { test } from 'node:test';
import assert from 'node:assert/strict';

declare function loadUser(id: string): Promise<{ id: string }>;

test('rejects unknown ids', async () => {
  await assert.rejects(loadUser('nope'));
});
`,
      },
    ],
  },
  messages: {
    assertion:
      "'{name}' is an async assertion that is neither awaited nor returned: the test finishes before it settles and passes whether or not the check holds. Add await (or return it).",
    subtest:
      "Subtest '{name}(...)' is neither awaited nor returned: the parent test can finish first, and the subtest is cancelled or its failure reported against nothing. Add await.",
    wait: "'{name}(...)' returns a promise that is neither awaited nor returned: the test goes on without waiting. Add await (or return it).",
  },
  fixAllSafe: 'none: awaiting the assertion can make a passing test fail (which is the point), so each is applied by hand.',
  summary:
    'an async assertion (`expect(p).rejects`, `assert.rejects`) or subtest not awaited, so the test passes without checking',
  concepts: {
    'testing-async-code':
      'an async assertion or a promise inside a test body that the test neither awaits nor returns.',
  },
  background: {
    coroutines: 'a test that ends before its async assertion runs.',
    'event-loop': 'a test that finishes before its async check runs.',
  },
  create(context) {
    if (!isTestFile(context.sourceFile, context.checker)) return {};
    return {
      [ts.SyntaxKind.ExpressionStatement]: (statement: ts.ExpressionStatement) => {
        let expression = skipParenthesesDown(statement.expression);
        if (ts.isVoidExpression(expression)) expression = skipParenthesesDown(expression.expression);
        const found = asyncTestCall(expression, context.checker, context.analysis.apis);
        if (!found) return;
        context.report({
          node: ts.isCallExpression(expression) ? skipParenthesesDown(expression.expression) : expression,
          messageId: found.kind,
          data: { name: found.name },
          fixes: fixesFor(statement, found, context),
        });
      },
    };
  },
});

/** `await` in an async function; `return` when it is the last statement of a plain function. */
function fixesFor(statement: ts.ExpressionStatement, found: AsyncTestCall, context: RuleContext): Fix[] {
  const fn = enclosingFunction(statement);
  if (!fn || !fn.body || !ts.isBlock(fn.body)) return [];
  const { sourceFile } = context;
  const discarded = skipParenthesesDown(statement.expression);
  const inner = ts.isVoidExpression(discarded) ? skipParenthesesDown(discarded.expression) : discarded;
  const innerText = inner.getText(sourceFile);
  if (isAsyncFunction(fn)) {
    if (fn.asteriskToken) return [];
    return [{ title: `Await ${describe(found)}`, kind: 'suggestion', preferred: true, edits: [replaceNode(statement.expression, `await ${innerText}`)] }];
  }
  const statements = fn.body.statements;
  if (statements[statements.length - 1] !== statement) return [];
  if (fn.asteriskToken || fn.type || ts.isConstructorDeclaration(fn) || ts.isSetAccessorDeclaration(fn) || ts.isGetAccessorDeclaration(fn)) return [];
  // Mocha and node:test callbacks that take `done` must not also return a promise.
  if (fn.parameters.some((parameter) => ts.isIdentifier(parameter.name) && /^(?:done|cb|callback|next)$/.test(parameter.name.text))) return [];
  if (hasValueReturn(fn.body)) return [];
  return [{ title: `Return ${describe(found)}`, kind: 'suggestion', preferred: true, edits: [replaceNode(statement.expression, `return ${innerText}`)] }];
}

function describe(found: AsyncTestCall): string {
  return found.kind === 'subtest' ? 'the subtest' : found.kind === 'wait' ? 'the wait' : 'the assertion';
}

function hasValueReturn(body: ts.Block): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) found = true;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}
