// blocking-call: blocking APIs and busy-waits in event-loop code. What it reports and why: the `docs` field below.
import { ts } from '../engine/compiler';
import {
  ApiRef,
  BlockingApi,
  EventLoopContext,
  FunctionLike,
  enclosingFunction,
  functionName,
  isAsyncFunction,
  isFunctionLike,
  skipParenthesesDown,
} from '../engine/analysis';
import { isTestFile } from '../engine/analysis/testFrameworks';
import { LoopEntry, blockingReachFor, ownerFunction, passedToSyncHigherOrder } from '../engine/analysis/blockingReach';
import { Memoisation, memoisationOf } from '../engine/analysis/memoised';
import { isInitialisationEntry, isSetupNamed } from '../engine/analysis/initialisation';
import { RandomCost, randomCostOf } from '../engine/analysis/randomSize';
import type { Fix } from '../engine/findings';
import { asyncTwinRewrite, awaitAllowedIn, canBecomeAsync, makeHelperAsyncEdits } from '../engine/fixes';
import { RuleContext, defineRule, relatedLocation } from '../engine/rule';

type MessageId = 'blockingCall' | 'blockingRoot' | 'blockingReference' | 'busyWait';

const CLOCK_CALLS = new Set(['Date.now', 'performance.now', 'process.hrtime', 'process.hrtime.bigint', 'getTime']);

export default defineRule<MessageId>({
  id: 'blocking-call',
  concept: 'avoiding-blocking-calls',
  defaultSeverity: 'warning',
  description:
    'A blocking API (sync fs, execSync, pbkdf2Sync, zlib *Sync, Atomics.wait, busy-wait loops) called from code that runs on the event loop; a blocking call in a helper is reported once, at the call, with the event-loop code that reaches it; cached (memoised) work and code reached only from initialisation are info; small fixed-size random bytes are not reported; workers and CLI entries are not event-loop code.',
  docs: {
    what:
      "A synchronous, blocking API (sync `fs`, `execSync`, `pbkdf2Sync`, `zlib.*Sync`, `Atomics.wait`, ...) or a busy-wait loop, in code that runs on the event loop. APIs are found by symbol through the catalogue, so a user's own `readFileSync` is never flagged.\n\n" +
      'One blocking root, one finding: a blocking call made in a synchronous project function is reported once, at the call itself, when event-loop code anywhere in the program reaches that function (through calls, or the function passed to `map`/`forEach`/`reduce`...). The entries that reach it are its related locations ("reached from \'addJob\' and 81 more"), and the "make the helper async" fix sits there. The callers are not reported.',
    why:
      'While a synchronous call runs, the event loop runs nothing else: every request, timer and callback of the process waits for it. On a request path, one slow `readFileSync` stalls every concurrent request.',
    notReported: [
      "Test files: a test's `existsSync` stalls nothing but the test (found in @vscode/test-electron).",
      'Code that is not on the event loop: workers (a function given to `new Worker`, `pool.exec`, `piscina.run`; `if (!isMainThread)`; a worker entry file) and CLI entries (`#!`, package.json `bin`).',
      'Random bytes (`randomBytes(16)`, `randomFillSync(pool, 0, 8192)`) of a constant size up to 64 KiB: they take microseconds and do no I/O.',
      'A project function named like a blocking API (your own `readFileSync`): APIs are found by symbol, not by name.',
      'The callers of a blocking helper: the root is reported once, at the blocking call, with the callers as related locations.',
    ],
    severity:
      'A warning means a blocked request path: the call is reached from a listener, timer, request handler, `.then` callback or unknown code. Being inside an async function does not make a call a request path.\n\n' +
      "Info when the work runs once: memoised work (a cache checked before the call and filled after it, `x ??= readFileSync()`) runs once per key or process, and so does a root reached only through a memoised call of its helper (`if (!instance) instance = compile()`, undici's lazyllhttp). Info for initialisation: a blocking call whose every event-loop entry is set-up (an async function named like `init`/`initialize`/`setup`/`bootstrap`/`configure`/`migrate`, or `start`/`connect`/`load`/`build`/`register`/`main` without required parameters, `loadDatabase`/`loadConfig` and the like; or one called only from such functions, constructors or module top level: see `analysis/initialisation.ts`); the message says that on a request path it would stall every request. Random bytes of a large or run-time size are info (`analysis/randomSize.ts`).",
    reference:
      'eslint-plugin-n `no-sync` reports every `*Sync` call by name, wherever it is; this rule reports by symbol, only in event-loop code.',
    examples: [
      {
        invalid: `import { readFileSync } from 'node:fs';

export async function loadUser(id: string): Promise<string> {
  return readFileSync('/users/' + id + '.json', 'utf8');
}
`,
        valid: `import { readFile } from 'node:fs/promises';

export async function loadUser(id: string): Promise<string> {
  return readFile('/users/' + id + '.json', 'utf8');
}
`,
      },
    ],
  },
  messages: {
    blockingCall: '{api} blocks the event loop inside {place}{once}; use {alternative}.',
    blockingRoot: "{api} blocks the event loop: '{helper}' is reached from {entries}{once}; make that path async or move it off the event loop ({alternative}).",
    blockingReference: '{api}, passed to .{method}(), blocks the event loop inside {place} for every element; use {alternative}.',
    busyWait: 'This loop spins on the clock and blocks the event loop inside {place}; use await setTimeout(ms) from timers/promises.',
  },
  fixAllSafe: 'none: rewriting to the async API adds `await`, which changes timing and error flow.',
  summary:
    'a blocking API (sync fs, `execSync`, `pbkdf2Sync`, `zlib.*Sync`, `Atomics.wait`, busy-wait loops) called from event-loop code, directly or through helpers in any file: a blocking call in a helper is reported once, at the call, "reached from `addJob` and 81 more" (the event-loop call sites are related locations), with the fix "Make `<helper>` async" there when every caller is async; memoised work (a cache checked before the call and filled after it, `x ??= readFileSync()`) is info, once per key or process; so is code reached only from initialisation (`init`, `connect`, `load…` methods, constructors, top level) and random bytes of a large or run-time size (a constant size up to 64 KiB is not reported); workers (`new Worker`, `pool.exec`, `piscina.run`, `if (!isMainThread)`, worker entry files) and CLI entries (`#!`, package.json `bin`) are not event-loop code; silent in test files',
  concepts: {
    'avoiding-blocking-calls':
      'a known synchronous API (`*Sync` file system, child process, crypto and zlib calls) used in code that runs while the server is serving, reported once at the blocking call with the event-loop code that reaches it; cached work and initialisation-only code as info.',
    'file-io':
      'synchronous `fs` calls (`readFileSync`, `existsSync`, `writeFileSync`, ...) outside startup code.',
  },
  background: {
    coroutines: 'synchronous work that stalls every async function.',
    'event-loop': 'synchronous work that holds the loop.',
  },
  create(context) {
    if (isTestFile(context.sourceFile, context.checker)) return {};
    context.analysis.eventLoop.useProgram(context.program);
    const checkCall = (call: ts.CallExpression | ts.NewExpression): void => {
      // Context first: it is syntactic and cached per function, while resolving an API asks the checker.
      const where = context.analysis.eventLoop.contextOf(call);
      if (where) {
        checkReferenceArgument(call, where, context);
        const api = context.analysis.apis.resolveCall(call);
        const entry = api && context.analysis.catalogue.lookup(api);
        if (!api || !entry || entry.strictOnly || !conditionHolds(entry, call, context)) return;
        const cost = randomCostOf(api, call, context.checker);
        if (cost === 'small') return;
        const memo = memoisationOf(call, context.checker);
        if (where.reason === 'async-function' && !isSetupNamed(where.entry)) context.dependsOnOtherUnits?.();
        const init = !memo && isInitialisationEntry(where, context.program, blockingReachFor(context.program, context.analysis.eventLoop), context.analysis.eventLoop);
        const note = noteText(memo, init, cost);
        context.report({
          node: skipParenthesesDown(call.expression),
          messageId: 'blockingCall',
          data: { api: displayName(entry), place: where.description, alternative: entry.alternative, once: note },
          concept: entry.category === 'fs' ? 'file-io' : undefined,
          fixes: rewriteFixes(call, api, context),
          ...(note ? { severityCap: 'info' as const } : {}),
        });
        return;
      }
      checkRoot(call, context);
    };
    const checkLoop = (loop: ts.WhileStatement | ts.DoStatement | ts.ForStatement): void => {
      const condition = ts.isForStatement(loop) ? loop.condition : loop.expression;
      const spin = condition && !isAlwaysTrue(condition) ? (isClockSpin(condition, loop.statement) ? condition : undefined) : clockExit(loop.statement);
      if (!spin) return;
      const where: EventLoopContext | undefined = context.analysis.eventLoop.contextOf(loop);
      if (!where) return;
      context.report({ node: spin, messageId: 'busyWait', data: { place: where.description } });
    };
    return {
      [ts.SyntaxKind.CallExpression]: checkCall,
      [ts.SyntaxKind.NewExpression]: checkCall,
      [ts.SyntaxKind.WhileStatement]: checkLoop,
      [ts.SyntaxKind.DoStatement]: checkLoop,
      [ts.SyntaxKind.ForStatement]: checkLoop,
    };
  },
});

/**
 * A blocking call outside event-loop code, in a synchronous project function: reported here, once,
 * when event-loop code somewhere in the program reaches that function. Whether it does depends on
 * other parts of this file too (an async function's body the unit cache does not fingerprint), so
 * the unit holding a candidate root is never served from the cache.
 */
function checkRoot(call: ts.CallExpression | ts.NewExpression, context: RuleContext): void {
  const owner = ownerFunction(call);
  if (!owner || isAsyncFunction(owner) || !owner.body) return;
  if (context.analysis.eventLoop.isOffMainLoop(call)) return;
  const api = context.analysis.apis.resolveCall(call);
  const entry = api && context.analysis.catalogue.lookup(api);
  if (!api || !entry || entry.strictOnly || !conditionHolds(entry, call, context)) return;
  const cost = randomCostOf(api, call, context.checker);
  if (cost === 'small') return;
  context.dependsOnOtherUnits?.();
  const reach = blockingReachFor(context.program, context.analysis.eventLoop);
  const entries = reach.entriesReaching(owner);
  if (entries.length === 0) return;
  // Memoised at the call, or on every path to it (`if (!instance) instance = helper()`).
  const memo = memoisationOf(call, context.checker) ?? (entries.every((reached) => reached.memo) ? entries[0].memo : undefined);
  const init = !memo && entries.every((reached) => isInitialisationEntry(reached.context, context.program, reach, context.analysis.eventLoop));
  const note = noteText(memo, init, cost);
  const related = entries.slice(0, MAX_RELATED).map((reached) =>
    relatedLocation(reached.site, `reached from ${reached.context.description}${reached.site.kind === ts.SyntaxKind.CallExpression || reached.site.kind === ts.SyntaxKind.NewExpression ? '' : ', passed by reference'} through ${functionName(reached.callee) ?? 'this function'}()`),
  );
  context.report({
    node: skipParenthesesDown(call.expression),
    messageId: 'blockingRoot',
    data: { api: displayName(entry), helper: functionName(owner) ?? 'this function', entries: entriesText(entries), alternative: entry.alternative, once: note },
    concept: entry.category === 'fs' ? 'file-io' : undefined,
    related,
    fixes: ts.isCallExpression(call) ? makeHelperAsyncFixes(owner, call, context) : [],
    ...(note ? { severityCap: 'info' as const } : {}),
  });
}

const MAX_RELATED = 20;

/** "async function 'addJob'", "async function 'addJob' and a 'data' event listener", "async function 'addJob' and 81 more". */
function entriesText(entries: LoopEntry[]): string {
  const distinct: LoopEntry[] = [];
  const seen = new Set<ts.Node>();
  for (const reached of entries) {
    if (seen.has(reached.context.entry)) continue;
    seen.add(reached.context.entry);
    distinct.push(reached);
  }
  // Two entries described alike (two classes' `load` methods) are told apart by their file, or their line.
  const names = distinct.map((reached) => {
    const alike = distinct.filter((other) => other.context.description === reached.context.description);
    if (alike.length === 1) return reached.context.description;
    const file = reached.site.getSourceFile();
    const sameFile = alike.every((other) => other.site.getSourceFile() === file);
    const where = sameFile ? `line ${file.getLineAndCharacterOfPosition(reached.context.entry.getStart()).line + 1}` : file.fileName.replace(/^.*[\\/]/, '');
    return `${reached.context.description} (${where})`;
  });
  if (names.length === 1) return names[0];
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names[0]} and ${names.length - 1} more`;
}

function onceText(memo: Memoisation | undefined): string {
  if (!memo) return '';
  return `, but its result is cached: it runs once per ${memo === 'key' ? 'key' : memo === 'object' ? 'object' : 'process'}`;
}

/** Why a finding is info: cached work, initialisation only, or random bytes of a size not known to be small. */
function noteText(memo: Memoisation | undefined, init: boolean, cost: RandomCost | undefined): string {
  if (memo) return onceText(memo);
  if (init) return ', at start-up/initialisation only: if this also runs per request it stalls every request';
  if (cost === 'sized') return ', for a size that is large or known only at run time (small fixed sizes take microseconds)';
  return '';
}

/** `paths.map(fs.readFileSync)` in event-loop code: the blocking API runs once per element. */
function checkReferenceArgument(call: ts.CallExpression | ts.NewExpression, where: EventLoopContext, context: RuleContext): void {
  if (!ts.isCallExpression(call) || call.arguments.length === 0) return;
  const argument = skipParenthesesDown(call.arguments[0]);
  const reference = ts.isCallExpression(argument) && ts.isPropertyAccessExpression(argument.expression) && argument.expression.name.text === 'bind' ? skipParenthesesDown(argument.expression.expression) : argument;
  if (!ts.isIdentifier(reference) && !ts.isPropertyAccessExpression(reference)) return;
  if (!passedToSyncHigherOrder(reference, context.checker)) return;
  const api = context.analysis.apis.resolveCallee(reference);
  const entry = api && context.analysis.catalogue.lookup(api);
  if (!entry || entry.strictOnly || entry.condition) return;
  context.report({
    node: reference,
    messageId: 'blockingReference',
    data: { api: displayName(entry), method: (call.expression as ts.PropertyAccessExpression).name.text, place: where.description, alternative: entry.alternative },
    concept: entry.category === 'fs' ? 'file-io' : undefined,
  });
}

function displayName(entry: BlockingApi): string {
  return entry.label ?? (entry.module === 'global' ? entry.name : `${entry.module}.${entry.name}`);
}

/** `crypto.randomBytes(n)` blocks only without a callback; `tar.x({ sync: true })` only with the option. */
function conditionHolds(entry: BlockingApi, call: ts.CallExpression | ts.NewExpression, context: RuleContext): boolean {
  const args = call.arguments ?? ts.factory.createNodeArray();
  if (entry.condition === 'no-callback') {
    const last = args[args.length - 1];
    return !last || context.checker.getTypeAtLocation(last).getCallSignatures().length === 0;
  }
  if (entry.condition === 'option') {
    return args.some(
      (argument) =>
        ts.isObjectLiteralExpression(argument) &&
        argument.properties.some(
          (property) =>
            ts.isPropertyAssignment(property) &&
            ts.isIdentifier(property.name) &&
            property.name.text === 'sync' &&
            property.initializer.kind === ts.SyntaxKind.TrueKeyword,
        ),
    );
  }
  return true;
}

/** A loop whose condition reads the clock and whose body does nothing but spin. */
function isClockSpin(condition: ts.Expression, body: ts.Statement): boolean {
  return readsClock(condition) && isIdleBody(body);
}

function isClockCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const text = skipParenthesesDown(node.expression).getText();
  const last = text.split('.').slice(-1)[0];
  return CLOCK_CALLS.has(text) || (last === 'getTime' && /^new Date\b/.test(text));
}

function readsClock(node: ts.Node): boolean {
  return isClockCall(node) || (ts.forEachChild(node, (child) => readsClock(child) || undefined) ?? false);
}

/** `while (true)`, `for (;;)`, `do ... while (1)`. */
function isAlwaysTrue(condition: ts.Expression): boolean {
  const inner = skipParenthesesDown(condition);
  return inner.kind === ts.SyntaxKind.TrueKeyword || (ts.isNumericLiteral(inner) && Number(inner.text) !== 0);
}

/** `while (true) { if (Date.now() >= end) break; }`: the clock check that is the endless loop's only exit. */
function clockExit(body: ts.Statement): ts.Expression | undefined {
  const statements = ts.isBlock(body) ? body.statements : ts.factory.createNodeArray([body]);
  if (statements.length !== 1) return undefined;
  const only = statements[0];
  if (!ts.isIfStatement(only) || only.elseStatement || !readsClock(only.expression)) return undefined;
  const exit = ts.isBlock(only.thenStatement) && only.thenStatement.statements.length === 1 ? only.thenStatement.statements[0] : only.thenStatement;
  if (!(ts.isBreakStatement(exit) && !exit.label) && !(ts.isReturnStatement(exit) && !exit.expression)) return undefined;
  return only.expression;
}

/** Nothing but spinning: no await or yield, no way out, and no calls other than clock reads. */
function isIdleBody(body: ts.Statement): boolean {
  if (ts.isEmptyStatement(body)) return true;
  if (!ts.isBlock(body)) return false;
  let idle = true;
  const visit = (node: ts.Node): void => {
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node) || ts.isBreakStatement(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node)) idle = false;
    if (isClockCall(node)) return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || isFunctionLike(node)) idle = false;
    if (idle) ts.forEachChild(node, visit);
  };
  visit(body);
  return idle;
}

/** The exact async rewrite, offered only where `await` is valid and the mapping keeps meaning. */
function rewriteFixes(call: ts.CallExpression | ts.NewExpression, api: ApiRef, context: RuleContext): Fix[] {
  if (!ts.isCallExpression(call)) return [];
  const fn = enclosingFunction(call);
  if (!fn || !isAsyncFunction(fn) || !awaitAllowedIn(call, fn)) return [];
  const rewrite = asyncTwinRewrite(call, api, context.checker, context.sourceFile);
  return rewrite ? [{ title: rewrite.title, kind: 'suggestion', preferred: true, edits: rewrite.edits }] : [];
}

/**
 * "Make `helper` async", on the blocking call in H when every call of H is in async code (so
 * `await`-able code calls project function H, H itself calls the blocking API): H becomes async (its annotated return type T becomes
 * Promise<T>), the blocking call inside it becomes the awaited async twin (as the direct fix
 * writes it), and every call of H in the program gets `await`. Offered only when every reference
 * to H is such a call in async code where `await` is legal, and H blocks nowhere else.
 */
function makeHelperAsyncFixes(helper: FunctionLike, blockingCall: ts.CallExpression, context: RuleContext): Fix[] {
  if (!canBecomeAsync(helper)) return [];
  if (enclosingFunction(blockingCall) !== helper || !awaitAllowedIn(blockingCall, helper)) return [];
  if (blocksElsewhere(helper, blockingCall, context)) return [];
  const api = context.analysis.apis.resolveCall(blockingCall);
  const rewrite = api && asyncTwinRewrite(blockingCall, api, context.checker, context.sourceFile);
  if (!rewrite) return [];
  const made = makeHelperAsyncEdits(helper, rewrite.edits, context.program, context.checker);
  if (!made) return [];
  const name = functionName(helper) ?? 'helper';
  const sites = made.callCount === 1 ? 'its call' : `its ${made.callCount} calls`;
  return [
    {
      title: `Make '${name}' async (${rewrite.title.replace(/^Use /, '').replace(/ with await$/, '')}) and await ${sites}`,
      kind: 'suggestion',
      edits: made.edits,
    },
  ];
}

/** Another blocking call (direct or through a helper) in the function would keep it blocking after the fix. */
function blocksElsewhere(fn: FunctionLike, handled: ts.CallExpression, context: RuleContext): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || (isFunctionLike(node) && node !== fn)) return;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node !== handled) {
      const api = context.analysis.apis.resolveCall(node);
      if ((api && context.analysis.catalogue.lookup(api)) || context.analysis.blocking.chainForCall(node)) found = true;
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}
