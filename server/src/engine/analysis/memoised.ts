// Is this call memoised work? A blocking call whose result is kept in a cache that is checked
// before the call and filled after it runs once per key (a Map or object cache) or once per
// process (a module-level variable, a property): blocking-call still reports it, as info.
// Recognised shapes (the call anywhere in the filled value, never inside a nested function):
//   x ??= call()            x ||= call()             x ?? (x = call())        x || (x = call())
//   if (!x) x = call()      if (x === undefined) { x = call() }     if (!cache.has(k)) cache.set(k, call())
//   let s = cache.get(k); if (s === undefined) { s = call(); cache.set(k, s) } return s
//   if (cache.has(k)) return cache.get(k); const v = call(); cache.set(k, v); return v
// where x is not a local of the function doing the call (a local is new on every call).
import { ts } from '../compiler';
import { enclosingFunction, isFunctionLike, skipParenthesesDown } from './functions';

export type Memoisation = 'key' | 'process' | 'object';

/** What a cache is: a keyed store (`cache`, from `cache.get(k)`/`cache[k]`), or one slot (`x`, `this.x`). */
interface Slot {
  /** Source text naming the slot or the keyed store. */
  text: string;
  keyed: boolean;
  node: ts.Expression;
}

export function memoisationOf(call: ts.Node, checker: ts.TypeChecker): Memoisation | undefined {
  const fn = enclosingFunction(call);
  let child: ts.Node = call;
  for (let node = call.parent; node && !isFunctionLike(node) && !ts.isSourceFile(node); child = node, node = node.parent) {
    let slot: Slot | undefined;
    if (ts.isBinaryExpression(node) && node.right === child) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken) slot = slotOf(node.left, fn, checker);
      // x ?? (x = call())
      if ((operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) && isAssignment(skipParenthesesDown(node.right))) {
        const assigned = slotOf((skipParenthesesDown(node.right) as ts.BinaryExpression).left, fn, checker);
        if (assigned && sameText(assigned.node, node.left)) slot = assigned;
      }
    } else if (ts.isIfStatement(node) && node.thenStatement === child) {
      const tested = absentSlot(node.expression, fn, checker);
      // A keyed store may be filled after the `if` (`if (s === undefined) s = read(k); cache.set(k, s)`).
      if (tested && (fills(node.thenStatement, tested, fn) || (tested.keyed && fn && fills(fn, tested, fn)))) slot = tested;
    }
    if (!slot && (ts.isBlock(node) || ts.isSourceFile(node)) && ts.isStatement(child)) {
      slot = guardedBefore(node.statements, node.statements.indexOf(child as ts.Statement), fn, checker);
    }
    if (slot) return slot.keyed ? 'key' : ts.isIdentifier(slot.node) ? 'process' : 'object';
  }
  return undefined;
}

/** `if (cache.has(k)) return cache.get(k);` (or `if (x) return x;`) before, and the slot filled from the call on. */
function guardedBefore(statements: ts.NodeArray<ts.Statement>, index: number, fn: ts.Node | undefined, checker: ts.TypeChecker): Slot | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const statement = statements[i];
    if (!ts.isIfStatement(statement) || statement.elseStatement || !exits(statement.thenStatement)) continue;
    const slot = presentSlot(statement.expression, fn, checker);
    if (slot && statements.slice(index).some((later) => fills(later, slot, fn))) return slot;
  }
  return undefined;
}

function exits(statement: ts.Statement): boolean {
  const last = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : statement;
  return !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

/** The slot a condition finds empty: `!x`, `x === undefined`, `x == null`, `!cache.has(k)`, `!(k in cache)`, `cache.get(k) === undefined`. */
function absentSlot(condition: ts.Expression, fn: ts.Node | undefined, checker: ts.TypeChecker): Slot | undefined {
  const test = skipParenthesesDown(condition);
  if (ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) return presentSlot(test.operand, fn, checker);
  if (ts.isBinaryExpression(test)) {
    const operator = test.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken) {
      const [value, other] = isNothing(test.right) ? [test.left, test.right] : isNothing(test.left) ? [test.right, test.left] : [];
      if (value && other) return slotOf(value, fn, checker);
    }
  }
  return undefined;
}

/** The slot a condition finds filled: `x`, `x !== undefined`, `x != null`, `cache.has(k)`, `k in cache`. */
function presentSlot(condition: ts.Expression, fn: ts.Node | undefined, checker: ts.TypeChecker): Slot | undefined {
  const test = skipParenthesesDown(condition);
  if (ts.isCallExpression(test) && ts.isPropertyAccessExpression(test.expression) && test.expression.name.text === 'has' && test.arguments.length === 1) {
    return { text: test.expression.expression.getText(), keyed: true, node: test.expression.expression };
  }
  if (ts.isBinaryExpression(test)) {
    const operator = test.operatorToken.kind;
    if (operator === ts.SyntaxKind.InKeyword) return { text: test.right.getText(), keyed: true, node: test.right };
    if (operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken) {
      const value = isNothing(test.right) ? test.left : isNothing(test.left) ? test.right : undefined;
      return value && slotOf(value, fn, checker);
    }
    return undefined;
  }
  return slotOf(test, fn, checker);
}

function isNothing(expression: ts.Expression): boolean {
  const inner = skipParenthesesDown(expression);
  return inner.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(inner) && inner.text === 'undefined') || ts.isVoidExpression(inner);
}

/**
 * What an expression names as a cache: `cache.get(k)` and `cache[k]` the keyed store; a local
 * initialised from one of those the same store; `this.x`, `obj.x` and a variable declared outside
 * the function one slot. A plain local is no cache: it is new on every call.
 */
function slotOf(expression: ts.Expression, fn: ts.Node | undefined, checker: ts.TypeChecker): Slot | undefined {
  const value = skipParenthesesDown(expression);
  if (ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === 'get' && value.arguments.length === 1) {
    return { text: value.expression.expression.getText(), keyed: true, node: value.expression.expression };
  }
  if (ts.isElementAccessExpression(value)) return { text: value.expression.getText(), keyed: true, node: value.expression };
  if (ts.isPropertyAccessExpression(value)) return { text: value.getText(), keyed: false, node: value };
  if (!ts.isIdentifier(value)) return undefined;
  const declaration = checker.getSymbolAtLocation(value)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration)) return undefined;
  if (fn && isInside(declaration, fn)) {
    // `let s = cache.get(k)`: the local stands for the keyed store
    const initializer = declaration.initializer && skipParenthesesDown(declaration.initializer);
    const store = initializer && slotOf(initializer, undefined, checker);
    return store?.keyed ? store : undefined;
  }
  return { text: value.text, keyed: false, node: value };
}

/** The slot is written inside `region`: `x = ...`, `x ??= ...`, `cache.set(k, ...)`, `cache[k] = ...`. */
function fills(region: ts.Node, slot: Slot, fn: ts.Node | undefined): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || (isFunctionLike(node) && node !== fn)) return;
    if (isAssignment(node)) {
      const target = skipParenthesesDown(node.left);
      if (slot.keyed ? ts.isElementAccessExpression(target) && target.expression.getText() === slot.text : target.getText() === slot.text) found = true;
    }
    if (slot.keyed && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'set') {
      if (node.expression.expression.getText() === slot.text) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(region);
  return found;
}

function isAssignment(node: ts.Node): node is ts.BinaryExpression {
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  return operator === ts.SyntaxKind.EqualsToken || operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken;
}

function sameText(a: ts.Node, b: ts.Node): boolean {
  return a.getText() === skipParenthesesDown(b as ts.Expression).getText();
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current; current = current.parent) if (current === container) return true;
  return false;
}
