// Questions about loops and what their iterations share: which loop an `await` repeats in, which
// jumps leave a loop, and which variables carry a value from one iteration to the next.
import { ts } from '../compiler';
import { isFunctionLike, skipParenthesesDown } from './functions';
import { isAssignmentOperator } from './operators';

export type Loop = ts.ForStatement | ts.ForOfStatement | ts.ForInStatement | ts.WhileStatement | ts.DoStatement;

export function isLoop(node: ts.Node): node is Loop {
  return (
    ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)
  );
}

/** Where a node sits relative to the innermost loop that repeats it. */
export interface LoopPosition {
  loop: Loop;
  /** 'body' for the loop's statement; 'header' for the parts evaluated once per iteration (condition, incrementor). */
  part: 'body' | 'header';
}

/**
 * The innermost loop that runs `node` once per iteration, without crossing a function or class
 * boundary. A for-of's iterable and a for's initializer run once, so they belong to the loop around.
 */
export function repeatingLoop(node: ts.Node): LoopPosition | undefined {
  let child: ts.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunctionLike(current) || ts.isClassLike(current) || ts.isClassStaticBlockDeclaration(current) || ts.isSourceFile(current)) {
      return undefined;
    }
    if (!isLoop(current)) continue;
    if (current.statement === child) return { loop: current, part: 'body' };
    if (ts.isForStatement(current) && (current.condition === child || current.incrementor === child)) return { loop: current, part: 'header' };
    if ((ts.isWhileStatement(current) || ts.isDoStatement(current)) && current.expression === child) return { loop: current, part: 'header' };
  }
  return undefined;
}

/** Visits `root` and its descendants, not entering nested functions (or classes). */
export function forEachOwnNode(root: ts.Node, visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node): void => {
    visit(node);
    if (node !== root && (isFunctionLike(node) || ts.isClassLike(node))) return;
    ts.forEachChild(node, walk);
  };
  walk(root);
}

/** The loop's parts evaluated on every iteration besides the body. */
export function loopHeaderParts(loop: Loop): ts.Expression[] {
  if (ts.isForStatement(loop)) return [loop.condition, loop.incrementor].filter((part): part is ts.Expression => !!part);
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) return [loop.expression];
  return [];
}

/**
 * `break`, `continue` and `return` statements in the loop body that leave the current iteration
 * for somewhere other than a loop or switch nested in the body.
 */
export function jumpsOutOf(loop: Loop): (ts.BreakStatement | ts.ContinueStatement | ts.ReturnStatement)[] {
  const jumps: (ts.BreakStatement | ts.ContinueStatement | ts.ReturnStatement)[] = [];
  forEachOwnNode(loop.statement, (node) => {
    if (ts.isReturnStatement(node)) jumps.push(node);
    else if ((ts.isBreakStatement(node) || ts.isContinueStatement(node)) && !targetsInside(node, loop)) jumps.push(node);
  });
  return jumps;
}

/** Does the jump land on a loop, switch or label nested inside `loop`'s body? */
function targetsInside(jump: ts.BreakStatement | ts.ContinueStatement, loop: Loop): boolean {
  for (let current = jump.parent; current && current !== loop; current = current.parent) {
    if (jump.label) {
      if (ts.isLabeledStatement(current) && current.label.text === jump.label.text) return true;
    } else if (isLoop(current) || (ts.isBreakStatement(jump) && ts.isSwitchStatement(current))) {
      return true;
    }
  }
  return false;
}

export interface Write {
  /** The identifier written. */
  target: ts.Identifier;
  /** The whole assignment, `++`/`--` or for-in/of head that writes it. */
  expression: ts.Node;
}

/** Identifiers assigned under `root` (nested functions included: a closure called in the body writes too). */
export function collectWrites(root: ts.Node): Write[] {
  const writes: Write[] = [];
  const addTargets = (target: ts.Node, expression: ts.Node): void => {
    const inner = ts.isExpression(target) ? skipParenthesesDown(target) : target;
    if (ts.isIdentifier(inner)) writes.push({ target: inner, expression });
    else if (ts.isArrayLiteralExpression(inner)) inner.elements.forEach((element) => addTargets(element, expression));
    else if (ts.isObjectLiteralExpression(inner)) {
      for (const property of inner.properties) {
        if (ts.isShorthandPropertyAssignment(property)) writes.push({ target: property.name, expression });
        else if (ts.isPropertyAssignment(property)) addTargets(property.initializer, expression);
        else if (ts.isSpreadAssignment(property)) addTargets(property.expression, expression);
      }
    } else if (ts.isSpreadElement(inner)) addTargets(inner.expression, expression);
    else if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.EqualsToken) addTargets(inner.left, expression);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) addTargets(node.left, node);
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isIncrementOrDecrement(node.operator)) {
      addTargets(node.operand, node);
    } else if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
      addTargets(node.initializer, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return writes;
}

function isIncrementOrDecrement(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
}

/** `i++`, `++i`, `i--`, `i += 2`, `i -= 1`: a counter step that does not depend on anything else. */
export function isCounterStep(expression: ts.Node): boolean {
  if ((ts.isPrefixUnaryExpression(expression) || ts.isPostfixUnaryExpression(expression)) && isIncrementOrDecrement(expression.operator)) {
    return ts.isIdentifier(skipParenthesesDown(expression.operand));
  }
  return (
    ts.isBinaryExpression(expression) &&
    (expression.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || expression.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken) &&
    ts.isIdentifier(skipParenthesesDown(expression.left)) &&
    ts.isNumericLiteral(skipParenthesesDown(expression.right))
  );
}

/** The identifier at the root of `a.b[c].d` (or `a` itself); undefined for `this`, calls and the like. */
export function rootIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  let current = skipParenthesesDown(expression);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = skipParenthesesDown(current.expression);
  return ts.isIdentifier(current) ? current : undefined;
}

/** Array, Set and Map methods that change the collection they are called on. */
export const MUTATING_METHODS = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'add', 'set', 'delete', 'clear',
]);

/** Receivers of mutating method calls under `root`: `queue` in `queue.shift()`. */
export function mutatedReceivers(root: ts.Node): ts.Identifier[] {
  const receivers: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = skipParenthesesDown(node.expression);
      if (ts.isPropertyAccessExpression(callee) && MUTATING_METHODS.has(callee.name.text)) {
        const root = rootIdentifier(callee.expression);
        if (root) receivers.push(root);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return receivers;
}

/** The symbol an identifier refers to (shorthand `{ x }` resolves to the variable, not the property). */
export function symbolOf(checker: ts.TypeChecker, identifier: ts.Identifier): ts.Symbol | undefined {
  if (ts.isShorthandPropertyAssignment(identifier.parent) && identifier.parent.name === identifier) {
    return checker.getShorthandAssignmentValueSymbol(identifier.parent);
  }
  return checker.getSymbolAtLocation(identifier);
}

/** True when one of the symbol's declarations lies inside `container`. */
export function isDeclaredInside(symbol: ts.Symbol, container: ts.Node): boolean {
  return (symbol.declarations ?? []).some((declaration) => declaration.pos >= container.pos && declaration.end <= container.end && declaration.getSourceFile() === container.getSourceFile());
}

/** Every identifier under `root` that refers to `symbol` (nested functions included). */
export function referencesTo(checker: ts.TypeChecker, root: ts.Node, symbol: ts.Symbol): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === symbol.name && symbolOf(checker, node) === symbol) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}
