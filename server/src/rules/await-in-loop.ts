// await-in-loop: an `await` in a loop body whose iterations do not depend on each other, so the
// waits could overlap. Silent when the loop polls, retries or streams: an await in the loop's
// condition, `for await`, a break/continue/return after the first await (the awaited value decides
// whether to go on), a variable carried from one iteration to the next, a deliberate pause
// (timers/promises, sleep), ordered writes to one stream or file, and batches (`await Promise.all`).
// One finding per loop, on its first await of a call. The Promise.all rewrite is offered only for
// a for-of over an array whose body writes nothing outside itself.
import { ts } from '../engine/compiler';
import { calleeName, isFunctionLike, skipParenthesesDown } from '../engine/analysis';
import {
  Loop,
  collectWrites,
  forEachOwnNode,
  isCounterStep,
  isDeclaredInside,
  jumpsOutOf,
  loopHeaderParts,
  mutatedReceivers,
  referencesTo,
  repeatingLoop,
  rootIdentifier,
  symbolOf,
} from '../engine/analysis/loops';
import { isAsyncTestCall, isTestFile } from '../engine/analysis/testFrameworks';
import type { Fix } from '../engine/findings';
import { replaceNode } from '../engine/fixes';
import { RuleContext, defineRule } from '../engine/rule';

type MessageId = 'awaitInLoop';

interface LoopVerdict {
  /** The await to report, if the loop's iterations are independent. */
  report?: ts.AwaitExpression;
  fixes: Fix[];
}

const PAUSE_NAMES = /^(?:sleep|delay|wait|pause|backoff|throttle|rateLimit|setTimeout|setImmediate|tick|nextTick|nextTurn|yield\w*)$/i;
const ORDERED_WRITES = new Set(['write', 'writev', 'writeln', 'writeLine', 'append', 'appendFile', 'appendLine', 'postMessage', 'publish', 'emit']);
/** Messages on one channel keep their order: `connection.sendNotification(...)`, `socket.send(...)`. */
const ORDERED_SENDS = /^send(?:[A-Z]\w*)?$/;
const BATCH_COMBINATORS = /^Promise\.(?:prototype\.)?(?:all|allSettled|race|any)$/;

export default defineRule<MessageId>({
  id: 'await-in-loop',
  concept: 'concurrency-vs-parallelism',
  defaultSeverity: 'info',
  description: 'An await inside a loop whose iterations do not depend on each other: the waits run one after another instead of together.',
  messages: {
    awaitInLoop:
      'Each iteration waits for the previous one: these awaits run one after another. If iterations are independent, run them concurrently with Promise.all.',
  },
  fixAllSafe: 'none: running iterations concurrently changes the order of their side effects.',
  create(context) {
    // Tests sequence their steps on purpose: shared clients, servers and fixtures, assertions in order.
    if (isTestFile(context.sourceFile, context.checker)) return {};
    const verdicts = new Map<Loop, LoopVerdict>();
    return {
      [ts.SyntaxKind.AwaitExpression]: (node: ts.AwaitExpression) => {
        const position = repeatingLoop(node);
        if (!position || position.part !== 'body') return;
        let verdict = verdicts.get(position.loop);
        if (!verdict) {
          verdict = judgeLoop(position.loop, context);
          verdicts.set(position.loop, verdict);
        }
        if (verdict.report === node) context.report({ node, messageId: 'awaitInLoop', fixes: verdict.fixes });
      },
    };
  },
});

function judgeLoop(loop: Loop, context: RuleContext): LoopVerdict {
  const silent: LoopVerdict = { fixes: [] };
  if (ts.isForOfStatement(loop) && loop.awaitModifier) return silent;
  if (!headerIsFixed(loop)) return silent;
  if (!walksItems(loop, context)) return silent;

  // Every await the body runs (nested loops included), in source order.
  const awaits: ts.AwaitExpression[] = [];
  let yields = false;
  forEachOwnNode(loop.statement, (node) => {
    if (ts.isAwaitExpression(node)) awaits.push(node);
    if (ts.isYieldExpression(node)) yields = true;
    if (ts.isForOfStatement(node) && node.awaitModifier) yields = true; // a stream consumed inside: sequential by nature
  });
  if (yields || awaits.length === 0) return silent;
  if (awaits.some((awaited) => isDeliberatelySequential(awaited, context) || callsTheItem(awaited, loop, context))) return silent;

  // The awaited value decides whether to go on: a jump out after the first await.
  const firstAwait = awaits[0].getStart();
  if (jumpsOutOf(loop).some((jump) => jump.getEnd() > firstAwait)) return silent;
  if (carriesState(loop, context)) return silent;

  const candidate = awaits.find((awaited) => repeatingLoop(awaited)?.loop === loop && startsWork(awaited, context));
  if (!candidate) return silent;
  return { report: candidate, fixes: promiseAllFix(loop, context) };
}

/**
 * The loop's own condition and step decide how many iterations run, with nothing awaited and no
 * state the body could change: `for (let i = 0; i < n; i++)`, `while (i < items.length)`, for-of
 * and for-in. Polling loops (`while (!done)`, `while (queue.length)`, `for (;;)`) are not.
 */
function headerIsFixed(loop: Loop): boolean {
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) return !containsAwaitOrCall(loop.expression, false);
  const parts = loopHeaderParts(loop);
  if (parts.some((part) => containsAwaitOrCall(part, true))) return false;
  if (ts.isForStatement(loop)) return !!loop.condition;
  // while/do: only a counter compared with a bound counts as a fixed number of iterations.
  return isCounterComparison(loop.expression, loop.statement);
}

function containsAwaitOrCall(node: ts.Node, callsToo: boolean): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isAwaitExpression(child) || ts.isYieldExpression(child) || (callsToo && (ts.isCallExpression(child) || ts.isNewExpression(child)))) {
      found = true;
      return;
    }
    if (isFunctionLike(child)) return;
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** `i < n`, `i <= items.length`, `count < limit` where `i` is stepped in the body. */
function isCounterComparison(condition: ts.Expression, body: ts.Statement): boolean {
  const inner = skipParenthesesDown(condition);
  if (!ts.isBinaryExpression(inner)) return false;
  const relational = [
    ts.SyntaxKind.LessThanToken,
    ts.SyntaxKind.LessThanEqualsToken,
    ts.SyntaxKind.GreaterThanToken,
    ts.SyntaxKind.GreaterThanEqualsToken,
    ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ];
  if (!relational.includes(inner.operatorToken.kind)) return false;
  const steps = collectWrites(body);
  const isSteppedCounter = (side: ts.Expression): boolean => {
    const identifier = skipParenthesesDown(side);
    if (!ts.isIdentifier(identifier)) return false;
    const own = steps.filter((write) => write.target.text === identifier.text);
    return own.length > 0 && own.every((write) => isCounterStep(write.expression) && ts.isExpressionStatement(write.expression.parent));
  };
  return isSteppedCounter(inner.left) || isSteppedCounter(inner.right);
}

/**
 * A variable declared outside the body, written in it and read again in the loop (body or header):
 * the next iteration sees what this one did. Counter steps (`i++`) are exempt; a collection the
 * header reads and the body mutates (`for (const job of queue) { queue.push(...) }`) is not.
 */
function carriesState(loop: Loop, context: RuleContext): boolean {
  const { checker } = context;
  const body = loop.statement;
  const headerParts: ts.Node[] = [...loopHeaderParts(loop), ...(ts.isForOfStatement(loop) || ts.isForInStatement(loop) ? [loop.expression] : [])];
  const writesBySymbol = new Map<ts.Symbol, ts.Node[]>();
  for (const write of collectWrites(body)) {
    const symbol = symbolOf(checker, write.target);
    if (!symbol || isDeclaredInside(symbol, body)) continue;
    writesBySymbol.set(symbol, [...(writesBySymbol.get(symbol) ?? []), write.expression]);
  }
  for (const [symbol, writes] of writesBySymbol) {
    if (writes.every((write) => isCounterStep(write) && ts.isExpressionStatement(write.parent))) continue; // a counter
    const reads = [body, ...headerParts].flatMap((part) => referencesTo(checker, part, symbol)).filter((reference) => !isPlainAssignmentTarget(reference));
    if (reads.length > 0) return true;
  }
  const headerRoots = new Set<ts.Symbol>();
  for (const part of headerParts) {
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const symbol = symbolOf(checker, node);
        if (symbol) headerRoots.add(symbol);
      }
      ts.forEachChild(node, visit);
    };
    visit(part);
  }
  return mutatedReceivers(body).some((receiver) => {
    const symbol = symbolOf(checker, receiver);
    return !!symbol && headerRoots.has(symbol);
  });
}

/** `x` in `x = 1` or `[x] = pair` is written, not read. */
function isPlainAssignmentTarget(identifier: ts.Identifier): boolean {
  let current: ts.Node = identifier;
  while (
    current.parent &&
    (ts.isParenthesizedExpression(current.parent) ||
      ts.isArrayLiteralExpression(current.parent) ||
      ts.isShorthandPropertyAssignment(current.parent) ||
      (ts.isPropertyAssignment(current.parent) && current.parent.initializer === current) ||
      ts.isObjectLiteralExpression(current.parent))
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  return !!parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.left === current;
}

/**
 * A counting loop (for/while/do) is a walk over items only when the counter indexes something
 * (`items[i]`, `list.at(i)`); `for (let i = 0; i < 3; i++) await press('Escape')` repeats one
 * action, in order, on purpose. for-of and for-in always walk items.
 */
function walksItems(loop: Loop, context: RuleContext): boolean {
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) return true;
  const { checker } = context;
  const counters = new Set<ts.Symbol>();
  if (ts.isForStatement(loop) && loop.initializer && ts.isVariableDeclarationList(loop.initializer)) {
    for (const declaration of loop.initializer.declarations) {
      if (ts.isIdentifier(declaration.name)) {
        const symbol = checker.getSymbolAtLocation(declaration.name);
        if (symbol) counters.add(symbol);
      }
    }
  }
  for (const write of collectWrites(loop.statement)) {
    if (isCounterStep(write.expression)) {
      const symbol = symbolOf(checker, write.target);
      if (symbol) counters.add(symbol);
    }
  }
  if (ts.isForStatement(loop) && loop.incrementor) {
    for (const write of collectWrites(loop.incrementor)) {
      const symbol = symbolOf(checker, write.target);
      if (symbol) counters.add(symbol);
    }
  }
  const usesCounter = (node: ts.Node): boolean => {
    let found = false;
    const visit = (child: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(child)) {
        const symbol = symbolOf(checker, child);
        if (symbol && counters.has(symbol)) found = true;
      }
      ts.forEachChild(child, visit);
    };
    visit(node);
    return found;
  };
  let indexes = false;
  const visit = (node: ts.Node): void => {
    if (indexes) return;
    if (ts.isElementAccessExpression(node) && usesCounter(node.argumentExpression)) indexes = true;
    else if (ts.isCallExpression(node) && ['at', 'item', 'get', 'slice', 'charAt'].includes(calleeName(node) ?? '') && node.arguments.some(usesCounter)) indexes = true;
    else ts.forEachChild(node, visit);
  };
  visit(loop.statement);
  return indexes;
}

/** `for (const task of tasks) await task()`: running the items in order is the loop's purpose. */
function callsTheItem(awaited: ts.AwaitExpression, loop: Loop, context: RuleContext): boolean {
  if (!ts.isForOfStatement(loop) && !ts.isForInStatement(loop)) return false;
  const operand = skipParenthesesDown(awaited.expression);
  if (!ts.isCallExpression(operand)) return false;
  let callee = skipParenthesesDown(operand.expression);
  if (ts.isPropertyAccessExpression(callee) && ['call', 'apply'].includes(callee.name.text)) callee = skipParenthesesDown(callee.expression);
  if (!ts.isIdentifier(callee)) return false;
  const symbol = symbolOf(context.checker, callee);
  return !!symbol && (symbol.declarations ?? []).some((declaration) => declaration.pos >= loop.initializer.pos && declaration.end <= loop.initializer.end);
}

/** An await whose operand is a call or `new`: the work starts here, so the next iteration's cannot start until it ends. */
function startsWork(awaited: ts.AwaitExpression, context: RuleContext): boolean {
  const operand = skipParenthesesDown(awaited.expression);
  if (!ts.isCallExpression(operand) && !ts.isNewExpression(operand)) return false; // an already-running promise
  return !context.analysis.isKnownNonThenable(operand);
}

/** Pauses, ordered writes, batches and test steps are sequential on purpose. */
function isDeliberatelySequential(awaited: ts.AwaitExpression, context: RuleContext): boolean {
  const operand = skipParenthesesDown(awaited.expression);
  if (ts.isNewExpression(operand)) return schedulesTimer(operand);
  if (!ts.isCallExpression(operand)) return false;
  const api = context.analysis.apis.resolveCall(operand);
  if (api?.module === 'timers/promises') return true;
  if (api && api.module === 'global' && BATCH_COMBINATORS.test(api.name)) return true;
  if (api?.module === 'events' && /(?:^|\.)once$/.test(api.name)) return true; // await once(stream, 'drain')
  const name = calleeName(operand);
  if (name && PAUSE_NAMES.test(name)) return true;
  const callee = skipParenthesesDown(operand.expression);
  if (name && (ORDERED_WRITES.has(name) || ORDERED_SENDS.test(name)) && ts.isPropertyAccessExpression(callee)) return true;
  if (name === 'appendFile') return true;
  return isAsyncTestCall(operand, context.checker, context.analysis.apis);
}

/** `new Promise((resolve) => setTimeout(resolve, ms))`. */
function schedulesTimer(expression: ts.NewExpression): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && /^(?:setTimeout|setImmediate)$/.test(calleeName(node) ?? '')) found = true;
    else ts.forEachChild(node, visit);
  };
  expression.arguments?.forEach(visit);
  return found;
}

/**
 * `for (const item of items) { body }` becomes `await Promise.all(items.map(async (item) => { body }));`
 * when that is exact up to ordering: `items` is an array, the binding is `const`/`let`, the body
 * has no jump out, no `var`, and writes nothing (variables, properties, collections) declared
 * outside it, and no outer `let` it reads relies on narrowing a closure would lose.
 */
function promiseAllFix(loop: Loop, context: RuleContext): Fix[] {
  if (!ts.isForOfStatement(loop) || loop.awaitModifier || ts.isLabeledStatement(loop.parent)) return [];
  const { checker, sourceFile } = context;
  const list = loop.initializer;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1) return [];
  if (!(list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) || list.flags & ts.NodeFlags.Using) return [];
  const declaration = list.declarations[0];
  if (declaration.type || declaration.initializer) return [];
  const iterableType = checker.getTypeAtLocation(loop.expression);
  if (!checker.isArrayType(iterableType) && !checker.isTupleType(iterableType)) return [];
  if (!promiseIsGlobal(loop, checker)) return [];

  const body = loop.statement;
  let unsafe = jumpsOutOf(loop).length > 0;
  forEachOwnNode(body, (node) => {
    if (ts.isYieldExpression(node) || ts.isLabeledStatement(node)) unsafe = true;
    if (ts.isVariableDeclarationList(node) && !(node.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let))) unsafe = true;
    if (ts.isIdentifier(node) && node.text === 'arguments' && !ts.isPropertyAccessExpression(node.parent)) unsafe = true;
  });
  if (unsafe) return [];
  // Nothing declared outside the body may be written: no assignment, no push/set/add.
  for (const write of collectWrites(body)) {
    const symbol = symbolOf(checker, write.target);
    if (!symbol || !isDeclaredInside(symbol, body)) return [];
  }
  if (writesOutside(body, checker)) return [];
  if (losesNarrowing(body, checker)) return [];

  const bindingText = declaration.name.getText(sourceFile);
  const iterable = skipParenthesesDown(loop.expression) === loop.expression && isMemberTarget(loop.expression)
    ? loop.expression.getText(sourceFile)
    : `(${loop.expression.getText(sourceFile)})`;
  const bodyText = ts.isBlock(body) ? body.getText(sourceFile) : `{ ${body.getText(sourceFile)} }`;
  const text = `await Promise.all(${iterable}.map(async (${bindingText}) => ${bodyText}));`;
  return [{ title: 'Run the iterations concurrently with Promise.all', kind: 'suggestion', edits: [replaceNode(loop, text)] }];
}

/** Expressions that can take `.map` without parentheses. */
function isMemberTarget(expression: ts.Expression): boolean {
  if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression) || ts.isCallExpression(expression)) {
    return !containsOptionalChain(expression);
  }
  return ts.isIdentifier(expression) || ts.isArrayLiteralExpression(expression) || expression.kind === ts.SyntaxKind.ThisKeyword;
}

function containsOptionalChain(expression: ts.Expression): boolean {
  let current: ts.Expression = expression;
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isCallExpression(current)) {
    if (current.questionDotToken) return true;
    current = current.expression;
  }
  return false;
}

/** Property writes and mutating calls whose object is declared outside the body (`results.push(x)`, `totals[k] = v`). */
function writesOutside(body: ts.Statement, checker: ts.TypeChecker): boolean {
  let found = false;
  const outside = (expression: ts.Expression): boolean => {
    const inner = skipParenthesesDown(expression);
    if (inner.kind === ts.SyntaxKind.ThisKeyword) return true;
    const root = rootIdentifier(inner);
    if (!root) return !ts.isIdentifier(inner);
    const symbol = symbolOf(checker, root);
    return !symbol || !isDeclaredInside(symbol, body);
  };
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const target = skipParenthesesDown(node.left);
      if ((ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && outside(target)) found = true;
    }
    if (ts.isCallExpression(node)) {
      const callee = skipParenthesesDown(node.expression);
      if (ts.isPropertyAccessExpression(callee) && ['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'add', 'set', 'delete', 'clear'].includes(callee.name.text) && outside(callee.expression)) {
        found = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/** An outer `let`, `var` or parameter read in the body with a narrower type than declared would widen again inside a closure. */
function losesNarrowing(body: ts.Statement, checker: ts.TypeChecker): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node)) {
      const symbol = symbolOf(checker, node);
      const declaration = symbol?.valueDeclaration;
      if (symbol && declaration && !isDeclaredInside(symbol, body) && isMutableBinding(declaration)) {
        const declared = checker.getTypeOfSymbol(symbol);
        const here = checker.getTypeAtLocation(node);
        if (declared !== here) found = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

function isMutableBinding(declaration: ts.Declaration): boolean {
  if (ts.isParameter(declaration)) return true;
  let current: ts.Node = declaration;
  while (ts.isBindingElement(current) || ts.isObjectBindingPattern(current) || ts.isArrayBindingPattern(current)) current = current.parent;
  if (!ts.isVariableDeclaration(current)) return false;
  return !(current.parent.flags & ts.NodeFlags.Const);
}

/** `Promise` must be the global one where the loop stands. */
function promiseIsGlobal(location: ts.Node, checker: ts.TypeChecker): boolean {
  const symbol = checker.getSymbolsInScope(location, ts.SymbolFlags.Value).find((candidate) => candidate.name === 'Promise');
  return !!symbol && (symbol.declarations ?? []).every((declaration) => declaration.getSourceFile().isDeclarationFile);
}
