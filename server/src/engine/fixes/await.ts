// Adding `await` before an expression, with the parentheses its position and its operand need;
// where `await` is valid; removing a needless `await`.
import { ts } from '../compiler';
import type { TextEdit } from '../findings';
import { replaceNode } from './edits';

/**
 * Whether `await <expr>` must be parenthesised where `expr` stands: `(await p).x`, `(await f)()`,
 * `new (await C)()`. Binary, call-argument and statement positions need no parentheses.
 */
export function awaitNeedsParentheses(expression: ts.Node): boolean {
  const parent = expression.parent;
  if (!parent || ts.isParenthesizedExpression(parent)) return false; // already parenthesised
  return (
    ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === expression) ||
    ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === expression) ||
    (ts.isTaggedTemplateExpression(parent) && parent.tag === expression) ||
    ts.isNonNullExpression(parent) ||
    ts.isAsExpression(parent) ||
    ts.isSatisfiesExpression(parent) ||
    (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken && parent.left === expression)
  );
}

/** `await <expression>`, with the parentheses its position needs. */
export function awaitText(expression: ts.Node, innerText: string): string {
  return awaitNeedsParentheses(expression) ? `(await ${innerText})` : `await ${innerText}`;
}

/** Inserts `await ` before the expression (with parentheses where needed). */
export function addAwaitEdits(expression: ts.Expression): TextEdit[] {
  const sourceFile = expression.getSourceFile();
  const text = expression.getText(sourceFile);
  return [replaceNode(expression, awaitText(expression, needsOperandParentheses(expression) ? `(${text})` : text))];
}

/** `await a || b` would await only `a`: low-precedence operands get parentheses. */
export function needsOperandParentheses(expression: ts.Expression): boolean {
  return (
    ts.isBinaryExpression(expression) ||
    ts.isConditionalExpression(expression) ||
    ts.isArrowFunction(expression) ||
    ts.isYieldExpression(expression) ||
    ts.isAsExpression(expression) ||
    ts.isSatisfiesExpression(expression)
  );
}

/**
 * `await` is valid only in the async function's own body: not in its parameter defaults, nor in
 * the field initialisers, static blocks or computed names of a class declared inside it.
 */
export function awaitAllowedIn(call: ts.Node, fn: ts.FunctionLikeDeclaration): boolean {
  for (let current: ts.Node = call; current.parent; current = current.parent) {
    if (current.parent === fn) return current === fn.body;
    if (ts.isClassLike(current) || ts.isParameter(current) || ts.isDecorator(current) || ts.isComputedPropertyName(current)) return false;
  }
  return false;
}

/** Deletes the `await` keyword, keeping what follows parseable where it now stands. */
export function removeAwaitEdit(node: ts.AwaitExpression): TextEdit {
  const sourceFile = node.getSourceFile();
  const operandText = node.expression.getText(sourceFile);
  const before = sourceFile.text[node.getStart(sourceFile) - 1] ?? '';
  const needsParentheses =
    /^(?:\{|function\b|class\b|let\b)/.test(operandText) || (/^[+-]/.test(operandText) && /[+-]/.test(before));
  return replaceNode(node, needsParentheses ? `(${operandText})` : operandText);
}

/** `for await (` -> `for (`: the keyword and the space after it. */
export function removeForAwaitEdit(awaitKeyword: ts.AwaitKeyword): TextEdit {
  const sourceFile = awaitKeyword.getSourceFile();
  const start = awaitKeyword.getStart(sourceFile);
  let end = awaitKeyword.getEnd();
  while (sourceFile.text[end] === ' ' || sourceFile.text[end] === '\t') end++;
  return { fileName: sourceFile.fileName, start, end, newText: '' };
}
