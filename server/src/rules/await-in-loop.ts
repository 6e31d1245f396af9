// await-in-loop: awaits in loops whose iterations are independent. What it reports and why: the `docs` field below.
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
import { isAssignmentOperator } from '../engine/analysis/operators';
import { isGlobalPromiseInScope } from '../engine/analysis/globalPromise';
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
  docs: {
    what:
      'An `await` in a loop body whose iterations do not depend on each other, so the waits could overlap. One finding per loop, on its first await of a call. Setup loops over a handful of configured items (`for (const index of schema.indexes)`) are still reported: their size is not known statically. The `Promise.all` rewrite is offered only for a for-of over an array whose body writes nothing outside itself.',
    why:
      'Each iteration waits for the previous one: n independent calls take n round trips instead of about one. Run together (`Promise.all`), the waits overlap.',
    notReported: [
      "Loops that poll, retry or stream: an await in the loop's condition, `for await`, a `break`/`continue`/`return` after the first await (the awaited value decides whether to go on), a variable carried from one iteration to the next.",
      'A deliberate pause (`timers/promises`, `sleep`), ordered writes to one stream or file (also inside `new Promise`), and batches (`await Promise.all`).',
      'Iterations that share one stateful resource: an awaited call on, or given, a connection, transaction, session, query runner, manager, cursor or stream that is the same object in every iteration (recognised by its declared type and its bases first, then by the last word of the name it is held under, or as the parameter of a `...transaction(cb)` callback); `this` when the class is or holds such a resource; items that hold one (`executor.execute()`); the same collection, filled earlier, handed to every pass (`populate(docs, path)`); a stream handed in. A plain module, pool or service is not such a resource: `fetch(u)`, `http.get(u)`, `readFile(p)`, `db.findUser(id)` (a pool runs queries concurrently) and `this.refresh(id)` in a class that holds no connection stay reported.',
      'Loops the author says are sequential: a comment in the loop or up to 6 lines above it ("in series", "in sequence", "one at a time", "avoid concurrent"...; not "in order to"), the function\'s name (`waterfall`, `series`, `sequential`), an `ordered`/`sequential` flag guarding the loop.',
      'The sequential twin of a `Promise.all` branch: another branch of the same if/else (or the code after an if whose branch returns) runs the same items through a Promise combinator.',
    ],
    severity:
      'Info: a loop run in series is slower, not wrong.',
    reference:
      "ESLint's `no-await-in-loop` reports every await in a loop, including all the loops above that are sequential on purpose; this rule reports a risk, not a shape.",
    examples: [
      {
        invalid: `declare function notify(id: string): Promise<void>;

export async function notifyAll(ids: string[]): Promise<void> {
  for (const id of ids) {
    await notify(id);
  }
}
`,
        valid: `declare function notify(id: string): Promise<void>;

export async function notifyAll(ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => notify(id)));
}
`,
      },
    ],
  },
  messages: {
    awaitInLoop:
      'Each iteration waits for the previous one: these awaits run one after another. If iterations are independent, run them concurrently with Promise.all.',
  },
  fixAllSafe: 'none: running iterations concurrently changes the order of their side effects.',
  summary:
    '`await` in a loop whose iterations do not depend on each other (polling and retry loops, loops over one connection, transaction or session, the twin of a `Promise.all` branch and loops marked sequential stay silent)',
  concepts: {
    'concurrency-vs-parallelism':
      'an `await` inside a loop body whose iterations do not depend on each other.',
    'fan-out':
      'independent fetches awaited one per iteration.',
  },
  background: {
    coroutines: 'independent async calls made one after another.',
    'event-loop': 'waiting one by one where the loop could overlap the waits.',
  },
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
  if (awaits.some((awaited) => usesSharedState(awaited, loop, context))) return silent;
  if (declaredSequential(loop, context) || isSequentialTwin(loop, context)) return silent;

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
  if (ts.isNewExpression(operand)) return schedulesTimer(operand) || writesStream(operand);
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
  if (!isGlobalPromiseInScope(checker, loop)) return [];

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
    if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
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

// ---------------------------------------------------------------------------------------------
// Iterations that share one stateful resource. A connection, transaction, session or query runner
// runs one statement at a time (concurrent calls queue on it, or break a transaction that does not
// allow them), and statements on it are usually ordered on purpose (DDL, writes in a transaction):
// `for (const sql of createIndices) await trx.raw(sql)`. The resource is recognised by its type
// first (the class or interface, or one of its bases, is named ...Connection, ...Transaction,
// ...Session, ...QueryRunner, ...Manager, a stream...), then by the name it is held under (the last
// word of `trx`, `queryRunner`, `this.connection`, `entityManager`), and by where it comes from
// (the parameter of a callback given to a `...transaction(...)` call). It must be the same object
// in every iteration (declared outside the loop). `this` counts when the instance is such a
// resource or holds one (a property typed or named like one): its methods run on that state.
// Plain modules and services are not resources: `await http.get(u)`, `await db.findUser(id)` (a
// pool or client runs queries concurrently), `await this.api.fetch(u)` stay reported.
// ---------------------------------------------------------------------------------------------

/** Last words of names (and type names) of things that run one operation at a time. */
const SESSION_WORDS = new Set(['connection', 'conn', 'transaction', 'trx', 'tx', 'session', 'runner', 'manager', 'cursor', 'stream', 'writer', 'socket', 'channel']);
/** Extra type names: node streams and single checked-out connections. */
const SESSION_TYPE_WORDS = new Set([...SESSION_WORDS, 'readable', 'writable', 'duplex', 'passthrough', 'transform', 'message']);
const SESSION_TYPE_NAMES = new Set(['PoolClient', 'ClientSession', 'IncomingMessage', 'ReadStream', 'WriteStream']);
const PRIMITIVE =
  ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.ESSymbolLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;
const STREAM_TYPE_WORDS = new Set(['stream', 'readable', 'duplex', 'passthrough', 'transform']);

function lastWord(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_$]+/)
    .filter(Boolean);
  return (words[words.length - 1] ?? '').toLowerCase();
}

function isSessionName(name: string): boolean {
  return SESSION_WORDS.has(lastWord(name));
}

/** The type (or one of its union members, or one of its base classes/interfaces) names a session-like resource. */
function isSessionType(type: ts.Type, checker: ts.TypeChecker, words: Set<string> = SESSION_TYPE_WORDS, depth = 0): boolean {
  if (depth > 3) return false;
  if (type.isUnion()) return type.types.some((member) => isSessionType(member, checker, words, depth));
  if (type.flags & (PRIMITIVE | ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return false;
  // Names of declared types only: a function's type carries the function's name (`openStream`).
  const declaredSymbols = [type.aliasSymbol, type.getSymbol()].filter((symbol) => symbol && symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias));
  const names = declaredSymbols.map((symbol) => symbol!.name).filter((name) => !name.startsWith('__'));
  if (names.some((name) => SESSION_TYPE_NAMES.has(name) || words.has(lastWord(name)))) return true;
  const symbol = type.getSymbol();
  if (symbol && symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface)) {
    const declared = checker.getDeclaredTypeOfSymbol(symbol);
    if (declared.flags & ts.TypeFlags.Object && (declared as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface) {
      for (const base of checker.getBaseTypes(declared as ts.InterfaceType)) if (isSessionType(base, checker, words, depth + 1)) return true;
    }
  }
  return false;
}

/** `trx` in `knex.transaction(async (trx) => ...)`, `manager` in `dataSource.transaction(async (manager) => ...)`. */
function isTransactionCallbackParameter(symbol: ts.Symbol): boolean {
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration)) return false;
  const fn = declaration.parent;
  const call: ts.Node | undefined = fn.parent;
  if (!call || !(ts.isCallExpression(call) || ts.isNewExpression(call))) return false;
  return (call.arguments ?? []).some((argument) => argument === fn) && /transaction/i.test(calleeName(call) ?? '');
}

/** The names along `this.queryRunner.manager`: `queryRunner`, `manager` (and a root identifier). */
function chainNames(expression: ts.Expression): string[] {
  const names: string[] = [];
  let current = skipParenthesesDown(expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) names.push(current.name.text);
    else if (ts.isElementAccessExpression(current) && ts.isStringLiteralLike(current.argumentExpression)) names.push(current.argumentExpression.text);
    else if (!ts.isElementAccessExpression(current)) break;
    current = skipParenthesesDown(current.expression);
  }
  if (ts.isIdentifier(current)) names.push(current.text);
  return names;
}

/** The `this` of a class that is, or holds, a session-like resource. */
function thisIsSession(node: ts.Node, checker: ts.TypeChecker): boolean {
  const type = checker.getTypeAtLocation(node);
  return isSessionType(type, checker) || holdsSession(type, checker);
}

/** An instance of a class with a property typed or named like a session-like resource. */
function holdsSession(type: ts.Type, checker: ts.TypeChecker): boolean {
  if (!type.getSymbol() || !(type.getSymbol()!.flags & ts.SymbolFlags.Class)) return false;
  return type.getProperties().some((property) => {
    if (!(property.flags & ts.SymbolFlags.Property) || property.flags & ts.SymbolFlags.Method) return false;
    if (isSessionName(property.name)) return true;
    const declaration = property.valueDeclaration;
    return !!declaration && isSessionType(checker.getTypeOfSymbolAtLocation(property, declaration), checker);
  });
}

/**
 * `expression` is a session-like resource that is the same in every iteration of `loop`. As an
 * argument (`insertRow(trx, row)`), a name only counts on a value that is not a primitive; as the
 * callee of a builder (`tr(table)`), only its type or origin counts.
 */
function isSharedSession(expression: ts.Expression, loop: Loop, context: RuleContext, role: 'receiver' | 'argument' | 'callee', depth: number): boolean {
  const { checker } = context;
  const inner = skipParenthesesDown(expression);
  if (inner.kind === ts.SyntaxKind.ThisKeyword) return thisIsSession(inner, checker);
  // A builder made from a session (`tr(table).insert(rows)`), an object built on one (`new Executor(queryRunner).run()`).
  if (ts.isCallExpression(inner) || ts.isNewExpression(inner)) {
    if (depth >= 2) return false;
    return isSharedSession(inner.expression, loop, context, 'callee', depth + 1) || callSharesState(inner, loop, context, depth + 1);
  }
  let root: ts.Expression = inner;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = skipParenthesesDown(root.expression);
  if (root.kind === ts.SyntaxKind.ThisKeyword) {
    // `this.queryRunner`: a member of the instance, the same in every iteration.
  } else if (ts.isIdentifier(root)) {
    const symbol = symbolOf(checker, root);
    if (!symbol || isDeclaredInside(symbol, loop)) return false;
    if (root === inner && isTransactionCallbackParameter(symbol)) return true;
  } else {
    return false;
  }
  const type = checker.getTypeAtLocation(inner);
  if (isSessionType(type, checker)) return true;
  // A function is named for what it does (`openStream(path)`), not for what it holds.
  if (role === 'callee') return false;
  if (role === 'argument' && type.flags & (PRIMITIVE | ts.TypeFlags.Never)) return false;
  if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'constructor') return false;
  return chainNames(inner).some(isSessionName);
}

/** A call that runs on shared state: on a session-like receiver, or given one, or given the same collection every time. */
function callSharesState(call: ts.CallExpression | ts.NewExpression, loop: Loop, context: RuleContext, depth: number): boolean {
  const callee = skipParenthesesDown(call.expression);
  if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && isSharedSession(callee.expression, loop, context, 'receiver', depth)) return true;
  if (depth === 0 && ts.isPropertyAccessExpression(callee) && carriesSession(callee.expression, loop, context)) return true;
  for (const argument of call.arguments ?? []) {
    if (ts.isSpreadElement(argument)) continue;
    if (isSharedSession(argument, loop, context, 'argument', depth)) return true;
    if (depth === 0 && (isSharedCollection(argument, loop, context) || isStreamArgument(argument, context))) return true;
  }
  return false;
}

function usesSharedState(awaited: ts.AwaitExpression, loop: Loop, context: RuleContext): boolean {
  const operand = skipParenthesesDown(awaited.expression);
  return (ts.isCallExpression(operand) || ts.isNewExpression(operand)) && callSharesState(operand, loop, context, 0);
}

/**
 * `for (const executor of executors) await executor.execute()`: the items are objects that hold a
 * session-like resource (a property typed or named like one); each call runs its statements on it,
 * and items built for one unit of work share it. The analysis cannot tell that they do not.
 */
function carriesSession(receiver: ts.Expression, loop: Loop, context: RuleContext): boolean {
  if (!ts.isForOfStatement(loop)) return false;
  const inner = skipParenthesesDown(receiver);
  if (!ts.isIdentifier(inner)) return false;
  const symbol = symbolOf(context.checker, inner);
  if (!symbol || !(symbol.declarations ?? []).some((declaration) => declaration.pos >= loop.initializer.pos && declaration.end <= loop.initializer.end)) return false;
  return holdsSession(context.checker.getTypeAtLocation(inner), context.checker);
}

/**
 * The same collection, built earlier in the function, handed to every iteration's call while the
 * item only varies how it is processed: `for (const pop of populates) await populate(docs, pop)`.
 * Each pass works on (and usually mutates) the same documents, so the passes are ordered.
 */
function isSharedCollection(argument: ts.Expression, loop: Loop, context: RuleContext): boolean {
  const { checker } = context;
  const inner = skipParenthesesDown(argument);
  if (!ts.isIdentifier(inner)) return false;
  const symbol = symbolOf(checker, inner);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || isDeclaredInside(symbol, loop)) return false;
  const fn = enclosingFunction(loop);
  if (!fn || !(declaration.pos >= fn.pos && declaration.end <= fn.end)) return false;
  const isCollection = (declaration.initializer && ts.isArrayLiteralExpression(skipParenthesesDown(declaration.initializer))) || checker.isArrayType(checker.getTypeOfSymbol(symbol));
  if (!isCollection) return false;
  const iterated = ts.isForOfStatement(loop) || ts.isForInStatement(loop) ? [loop.expression] : loopHeaderParts(loop);
  if (iterated.some((part) => referencesTo(checker, part, symbol).length > 0)) return false;
  // Filled in this function before the loop: the collection being worked on, not a constant.
  return mutatedReceivers(fn).some((receiver) => receiver.getStart() < loop.getStart() && symbolOf(checker, receiver) === symbol);
}

/**
 * A stream handed to the awaited call (`await lobProcessing(lob.stream)`): the streams of one result
 * set, request or connection deliver their data in turn, and reading them out of order stalls.
 * A stream created in the call itself (`upload(createReadStream(file))`) is independent.
 */
function isStreamArgument(argument: ts.Expression, context: RuleContext): boolean {
  const inner = skipParenthesesDown(argument);
  if (!ts.isIdentifier(inner) && !ts.isPropertyAccessExpression(inner)) return false;
  const type = context.checker.getTypeAtLocation(inner);
  if (isSessionType(type, context.checker, STREAM_TYPE_WORDS)) return true;
  if (type.flags & (PRIMITIVE | ts.TypeFlags.Never)) return false;
  const name = ts.isIdentifier(inner) ? inner.text : inner.name.text;
  return /^(?:\w*Stream|readable)$/i.test(name) && lastWord(name) === 'stream';
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current)) return current as ts.SignatureDeclaration;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Sequential on purpose, as the author says: a comment in the loop or just above it (or above the
// function or branch the loop opens), the enclosing function's name (`_waterfallBatch`,
// `runInSeries`), an option the loop is guarded by (`if (options.ordered)`), or the sequential twin
// of a Promise.all branch: one branch of an `if` loops over the items with awaits while another
// branch of the same `if` runs the same items through Promise.all (or allSettled...).
// ---------------------------------------------------------------------------------------------

const SEQUENTIAL_WORDING = /\b(?:in (?:series|sequence|turn)|in order\b(?! to)|sequential(?:ly)?|serial(?:ly|ised|ized)?|one (?:\w+ )?(?:at a time|after (?:another|the other)|by one)|waterfall|(?:not|never|avoid|without|no) (?:run(?:ning)? )?(?:in )?(?:parallel|concurrent(?:ly)?))/i;
/** How far above the loop an explaining comment may stand. */
const COMMENT_WINDOW_LINES = 6;
const SEQUENTIAL_FUNCTION_NAME = /waterfall|series|sequen|serial|inOrder|oneByOne/i;
const SEQUENTIAL_FLAG = /^(?:ordered|sequential|serial|series|inSeries|inOrder|inSequence|serially|sequentially)$/i;

function declaredSequential(loop: Loop, context: RuleContext): boolean {
  const { sourceFile } = context;
  const text = sourceFile.text;
  const comments: string[] = [];
  const collect = (position: number): void => {
    for (const range of [...(ts.getLeadingCommentRanges(text, position) ?? []), ...(ts.getTrailingCommentRanges(text, position) ?? [])]) {
      comments.push(text.slice(range.pos, range.end));
    }
  };
  // Comments inside the loop (header and body).
  const visit = (node: ts.Node): void => {
    collect(node.pos);
    node.getChildren(sourceFile).forEach(visit);
  };
  visit(loop);
  // Comments in the few lines above the loop, wherever they are attached (a statement before it, the if around it).
  const firstLine = sourceFile.getLineAndCharacterOfPosition(loop.getStart(sourceFile)).line - COMMENT_WINDOW_LINES;
  const near = (node: ts.Node): boolean => node.end >= sourceFile.getPositionOfLineAndCharacter(Math.max(firstLine, 0), 0) && node.pos <= loop.pos;
  const visitNear = (node: ts.Node): void => {
    if (!near(node)) return;
    for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
      if (sourceFile.getLineAndCharacterOfPosition(range.end).line >= firstLine) comments.push(text.slice(range.pos, range.end));
    }
    node.getChildren(sourceFile).forEach(visitNear);
  };
  visitNear(sourceFile);
  if (comments.some((comment) => SEQUENTIAL_WORDING.test(comment))) return true;

  // The function's name, and flags the loop is guarded by.
  for (let current: ts.Node = loop, parent = loop.parent; parent; current = parent, parent = parent.parent) {
    if (isFunctionLike(parent)) {
      const name = functionName(parent);
      return !!name && SEQUENTIAL_FUNCTION_NAME.test(name);
    }
    if (ts.isIfStatement(parent) && parent.thenStatement === current && namesSequentialFlag(parent.expression)) return true;
  }
  return false;
}

function functionName(fn: ts.Node): string | undefined {
  const named = fn as ts.Node & { name?: ts.Node };
  if (named.name && (ts.isIdentifier(named.name) || ts.isPrivateIdentifier(named.name) || ts.isStringLiteral(named.name))) return named.name.text;
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left)) return parent.left.name.text;
  return undefined;
}

/** `options.ordered`, `ordered && n > 1`, `this.sequential`; not a negation (`!options.ordered`). */
function namesSequentialFlag(condition: ts.Expression): boolean {
  const inner = skipParenthesesDown(condition);
  if (ts.isIdentifier(inner)) return SEQUENTIAL_FLAG.test(inner.text);
  if (ts.isPropertyAccessExpression(inner)) return SEQUENTIAL_FLAG.test(inner.name.text);
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return namesSequentialFlag(inner.left) || namesSequentialFlag(inner.right);
  }
  if (ts.isBinaryExpression(inner) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(inner.operatorToken.kind)) {
    return inner.right.kind === ts.SyntaxKind.TrueKeyword && namesSequentialFlag(inner.left);
  }
  return false;
}

/** The loop sits in one branch of an if/else chain, and another branch runs the same items through a Promise combinator. */
function isSequentialTwin(loop: Loop, context: RuleContext): boolean {
  const { checker } = context;
  const iterated = ts.isForOfStatement(loop) || ts.isForInStatement(loop) ? [loop.expression] : loopHeaderParts(loop);
  const itemSymbols = new Set<ts.Symbol>();
  for (const part of iterated) {
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const symbol = symbolOf(checker, node);
        if (symbol && !isDeclaredInside(symbol, loop)) itemSymbols.add(symbol);
      }
      ts.forEachChild(node, visit);
    };
    visit(part);
  }
  if (itemSymbols.size === 0) return false;
  for (let parent = loop.parent; parent && !isFunctionLike(parent) && !ts.isSourceFile(parent); parent = parent.parent) {
    if (!ts.isIfStatement(parent)) continue;
    let top: ts.IfStatement = parent;
    while (ts.isIfStatement(top.parent) && top.parent.elseStatement === top) top = top.parent;
    const branches: ts.Node[] = [];
    // `if (pg) { for (...) await load(x); return } return Promise.all(...)`: what follows an if without else whose branch returns.
    if (!top.elseStatement && endsInExit(top.thenStatement) && ts.isBlock(top.parent)) {
      branches.push(...top.parent.statements.slice(top.parent.statements.indexOf(top) + 1));
    }
    for (let link: ts.Statement | undefined = top; link; ) {
      if (ts.isIfStatement(link)) {
        branches.push(link.thenStatement);
        link = link.elseStatement;
      } else {
        branches.push(link);
        link = undefined;
      }
    }
    for (const branch of branches) {
      if (branch.pos <= loop.pos && loop.end <= branch.end) continue;
      if (batchesItems(branch, itemSymbols, context)) return true;
    }
  }
  return false;
}

function endsInExit(statement: ts.Statement): boolean {
  const last = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : statement;
  return !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

function batchesItems(branch: ts.Node, itemSymbols: Set<ts.Symbol>, context: RuleContext): boolean {
  let batches = false;
  let usesItems = false;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const api = context.analysis.apis.resolveCall(node);
      if (api && api.module === 'global' && BATCH_COMBINATORS.test(api.name)) batches = true;
    }
    if (ts.isIdentifier(node)) {
      const symbol = symbolOf(context.checker, node);
      if (symbol && itemSymbols.has(symbol)) usesItems = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(branch);
  return batches && usesItems;
}

/** `new Promise((resolve, reject) => { blob.on('finish', resolve); blob.write(value); blob.end() })`: one stream written in turn. */
function writesStream(expression: ts.NewExpression): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(skipParenthesesDown(node.expression)) && (ORDERED_WRITES.has(calleeName(node) ?? '') || ['end', 'pipe'].includes(calleeName(node) ?? ''))) found = true;
    else ts.forEachChild(node, visit);
  };
  expression.arguments?.forEach(visit);
  return found;
}
