// floating-promise: a promise-valued expression statement that nobody awaits, returns, voids or
// gives a rejection handler. Found by type (anything with a callable `then`, VS Code's Thenable
// included), in any code, not only async functions: a rejected floating promise is an unhandled
// rejection, which crashes Node (>= 15) by default.
//
// Position convention: for a call (or `new`) the finding covers the callee (`saveUser` in
// `saveUser(u);`, `fetch(url).then` in `fetch(url).then(parse);`); for any other shape
// (`cond && save()`, `a ? p : q`, `[p1, p2]`, a bare `p`) it covers the whole expression.
// Comma expressions are split: each discarded operand is judged (and reported) on its own.
import { ts } from '../engine/compiler';
import { isArrayOfThenables, isThenableType, skipParenthesesDown } from '../engine/analysis';
import {
  awaitContext,
  callName,
  hasCatchMethod,
  isJavaScriptFile,
  isTestFrameworkCall,
  isThenableOrNullish,
  reportNodeFor,
} from '../engine/analysis/promiseUsage';
import type { Fix, TextEdit } from '../engine/findings';
import { addAwaitEdits, needsOperandParentheses, replaceNode } from '../engine/fixes';
import { RuleContext, defineRule } from '../engine/rule';

type MessageId = 'floatingCall' | 'floatingValue' | 'floatingArray';

const CONSEQUENCE = 'a rejection will crash the process as an unhandled rejection.';

export default defineRule<MessageId>({
  id: 'floating-promise',
  concept: 'tasks-and-futures',
  defaultSeverity: 'warning',
  description: 'A promise that is neither awaited, returned, voided nor given a rejection handler: its rejection becomes an unhandled rejection.',
  messages: {
    floatingCall: `Promise returned by '{name}' is neither awaited, returned nor handled; ${CONSEQUENCE}`,
    floatingValue: `Promise '{name}' is neither awaited, returned nor handled; ${CONSEQUENCE}`,
    floatingArray: `Promises in '{name}' are neither awaited (with Promise.all), returned nor handled; ${CONSEQUENCE}`,
  },
  fixAllSafe: 'none: adding await or a .catch handler changes timing or error flow, and void only records an intent; each is applied by hand.',
  create(context) {
    return {
      [ts.SyntaxKind.ExpressionStatement]: (statement: ts.ExpressionStatement) => {
        for (const part of discardedParts(statement.expression)) {
          if (!isFloating(part, context)) continue;
          const isArray = context.analysis.isArrayOfThenables(part);
          const inner = skipParenthesesDown(part);
          const messageId: MessageId = isArray ? 'floatingArray' : ts.isCallExpression(inner) || ts.isNewExpression(inner) ? 'floatingCall' : 'floatingValue';
          context.report({
            node: reportNodeFor(part),
            messageId,
            data: { name: callName(part, context.sourceFile) },
            fixes: fixesFor(statement, part, isArray, context),
          });
        }
      },
    };
  },
});

/** `a(), b();` discards both operands: each is judged on its own. */
function discardedParts(expression: ts.Expression): ts.Expression[] {
  const inner = skipParenthesesDown(expression);
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.CommaToken) {
    return [...discardedParts(inner.left), ...discardedParts(inner.right)];
  }
  return [expression];
}

function isPromiseValued(expression: ts.Expression, context: RuleContext): boolean {
  // Calls: the resolved signature's return type (cached by the checker) is much cheaper than the
  // expression's type, which is re-checked on every query.
  const inner = skipParenthesesDown(expression);
  const signature = ts.isCallExpression(inner) || ts.isNewExpression(inner) ? context.checker.getResolvedSignature(inner) : undefined;
  const type = signature && ts.isCallExpression(inner) ? context.checker.getReturnTypeOfSignature(signature) : context.checker.getTypeAtLocation(expression);
  return isThenableType(context.checker, type, expression) || isArrayOfThenables(context.checker, type, expression);
}

function isLogicalOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** An argument that really is a handler (not missing, `undefined` or `null`). */
function isHandler(argument: ts.Expression | undefined, context: RuleContext): boolean {
  if (!argument) return false;
  const type = context.checker.getTypeAtLocation(argument);
  return (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) === 0;
}

/** Is the value of this discarded expression a promise that nobody handles? */
function isFloating(expression: ts.Expression, context: RuleContext): boolean {
  const e = skipParenthesesDown(expression);
  if (ts.isVoidExpression(e) || ts.isAwaitExpression(e)) return false;
  if (ts.isBinaryExpression(e)) {
    const operator = e.operatorToken.kind;
    if (isAssignmentOperator(operator)) return false; // stored, not dropped
    if (operator === ts.SyntaxKind.CommaToken || isLogicalOperator(operator)) {
      return isFloating(e.left, context) || isFloating(e.right, context);
    }
  }
  if (ts.isConditionalExpression(e)) return isFloating(e.whenTrue, context) || isFloating(e.whenFalse, context);
  if (ts.isArrayLiteralExpression(e)) {
    return e.elements.some((element) =>
      ts.isSpreadElement(element) ? context.analysis.isArrayOfThenables(element.expression) : isFloating(element, context),
    );
  }
  if (ts.isCallExpression(e)) {
    if (!isPromiseValued(e, context)) return false;
    if (isTestFrameworkCall(e, context.checker)) return false;
    const callee = skipParenthesesDown(e.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (method === 'catch' && isHandler(e.arguments[0], context)) return false;
      if (method === 'then' && isHandler(e.arguments[1], context)) return false;
      // `.finally` passes the receiver's rejection through: floating unless the receiver is handled.
      if (method === 'finally') return isFloating(callee.expression, context);
    }
    return true;
  }
  return isPromiseValued(e, context);
}

function fixesFor(statement: ts.ExpressionStatement, part: ts.Expression, isArray: boolean, context: RuleContext): Fix[] {
  const fixes: Fix[] = [];
  const text = part.getText(context.sourceFile);
  const where = awaitContext(statement);
  if (where?.async) {
    fixes.push({
      title: isArray ? 'Add await Promise.all(...)' : 'Add await',
      kind: 'suggestion',
      preferred: true,
      edits: isArray ? [replaceNode(part, `await Promise.all(${text})`)] : addAwaitEdits(part),
    });
  }
  const handler = isJavaScriptFile(context.sourceFile) ? '(error) => { console.error(error); }' : '(error: unknown) => { console.error(error); }';
  const catchEdits = isArray ? [replaceNode(part, `Promise.all(${text}).catch(${handler})`)] : catchHandlerEdits(part, handler, context);
  if (catchEdits) fixes.push({ title: 'Add .catch handler', kind: 'suggestion', edits: catchEdits });
  fixes.push({
    title: 'Mark as intentionally not awaited with void',
    kind: 'suggestion',
    edits: [replaceNode(part, `void ${needsOperandParentheses(part) ? `(${text})` : text}`)],
  });
  return fixes;
}

/**
 * `.catch(handler)` on the promise: on the whole expression when its type is a promise with a
 * `catch` method (`(a || b).catch(...)`, `maybe()?.catch(...)` when it may be undefined), else on
 * each floating operand (`ready && save().catch(...)`, both branches of a ternary). Undefined when
 * some part cannot take it.
 */
function catchHandlerEdits(expression: ts.Expression, handler: string, context: RuleContext): TextEdit[] | undefined {
  const inner = skipParenthesesDown(expression);
  if (ts.isCallExpression(inner) && inner.arguments.length === 0 && ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === 'catch') {
    // `.catch()` with nothing to call: give it the handler instead of chaining another.
    const closing = inner.getEnd() - 1;
    return [{ fileName: context.sourceFile.fileName, start: closing, end: closing, newText: handler }];
  }
  const type = context.checker.getTypeAtLocation(expression);
  const shape = isThenableOrNullish(context.checker, type, expression);
  // A ternary takes the handler on each branch: `c ? save().catch(h) : load().catch(h)` (its
  // union of promise types may have no common `catch` signature).
  if (!ts.isConditionalExpression(skipParenthesesDown(expression)) && shape.thenable && hasCatchMethod(context.checker, type, expression)) {
    const text = expression.getText(context.sourceFile);
    const receiver = isMemberReceiver(expression) ? text : `(${text})`;
    return [replaceNode(expression, `${receiver}${shape.nullish ? '?.' : '.'}catch(${handler})`)];
  }
  const e = inner;
  let operands: ts.Expression[] = [];
  if (ts.isBinaryExpression(e) && isLogicalOperator(e.operatorToken.kind)) operands = [e.left, e.right];
  else if (ts.isConditionalExpression(e)) operands = [e.whenTrue, e.whenFalse];
  else return undefined;
  const edits: TextEdit[] = [];
  for (const operand of operands) {
    if (!isFloating(operand, context)) continue;
    const operandEdits = catchHandlerEdits(operand, handler, context);
    if (!operandEdits) return undefined;
    edits.push(...operandEdits);
  }
  return edits.length > 0 ? edits : undefined;
}

/** Can `.catch` follow this expression without parentheses? */
function isMemberReceiver(expression: ts.Expression): boolean {
  return (
    ts.isIdentifier(expression) ||
    ts.isCallExpression(expression) ||
    ts.isPropertyAccessExpression(expression) ||
    ts.isElementAccessExpression(expression) ||
    ts.isParenthesizedExpression(expression) ||
    ts.isArrayLiteralExpression(expression) ||
    (ts.isNewExpression(expression) && expression.arguments !== undefined) ||
    expression.kind === ts.SyntaxKind.ThisKeyword
  );
}
