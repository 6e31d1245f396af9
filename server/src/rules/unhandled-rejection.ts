// unhandled-rejection: promise-returning functions where a void one is expected. What it reports and why: the `docs` field below.
import { ts } from '../engine/compiler';
import {
  FunctionLike,
  containsOwnAwait,
  enclosingFunction,
  isAsyncFunction,
  isFunctionLike,
  skipParenthesesDown,
  calleeName,
} from '../engine/analysis';
import { isThenableType } from '../engine/analysis/promises';
import { isLogicalOperator } from '../engine/analysis/operators';
import { shortText } from '../engine/analysis/messageText';
import { isGlobalPromiseInScope } from '../engine/analysis/globalPromise';
import {
  CallbackSite,
  InlineFunction,
  RejectionPoint,
  bodyCatchesEverything,
  callbackSites,
  isHandledPromiseExpression,
  isInlineFunction,
  isPromiseChainCall,
  isPromiseConstructorCall,
  isPromiseReturningFunction,
  ownReturnStatements,
  receiverIgnoresReturn,
  referencedFunction,
  unguardedRejectionPoints,
  usesFunctionScope,
} from '../engine/analysis/callbacks';
import {
  arrayPredicateMethod,
  capturesListenerRejections,
  catchesItsOwnErrors,
  mayReturnThenable,
  someOverloadAcceptsPromise,
} from '../engine/analysis/voidSites';
import type { Fix, TextEdit } from '../engine/findings';
import { hasMultilineLiteral, isNameFree, needsOperandParentheses, replaceNode, wrapBodyInTry } from '../engine/fixes';
import { RuleContext, defineRule, relatedLocation } from '../engine/rule';

type MessageId =
  | 'asyncCallback'
  | 'promiseCallback'
  | 'returnedPromise'
  | 'asyncExecutor'
  | 'executorReturnsPromise'
  | 'jsxHandler'
  | 'jsxHandlerInfo'
  | 'voidContext'
  | 'voidContextReturn'
  | 'voidContextReference'
  | 'voidOverride'
  | 'voidOverrideDeclaration'
  | 'asyncPredicate';

const LOOP_NOTE = ' and the loop does not wait for it';
/** `{effect}` of a function that can reject (warning). */
const REJECTS = 'a rejection here becomes an unhandled rejection';
/** `{effect}` of a promise returned by a `new Promise` executor that can reject (warning). */
const EXECUTOR_REJECTS = 'a rejection of this promise is unhandled and the outer promise never settles';
/** `{effect}` of a function that cannot reject (info): its work still runs unordered. */
const CANNOT_REJECT = 'nothing in it is seen to reject, but nothing waits for its work to finish';
/** `{effect}` of a handler passed by name whose body is out of sight (info: cannot tell). */
const OUT_OF_SIGHT = 'its body is out of sight, so a rejection in it would go unhandled';

/** What a predicate that always sees a truthy promise does instead of filtering. */
const PREDICATE_RESULTS: Record<string, string> = {
  filter: 'every element is kept',
  find: 'the first element is always returned',
  findLast: 'the last element is always returned',
  findIndex: 'the index 0 is always returned',
  findLastIndex: 'the last index is always returned',
  some: 'the result is true for any non-empty array',
  every: 'the result is always true',
};

export default defineRule({
  id: 'unhandled-rejection',
  concept: 'error-handling',
  defaultSeverity: 'warning',
  description:
    "An async or promise-returning function where its result is ignored: a callback to a parameter declared to return void (forEach, listeners, timers; judged across every overload), a variable, property, return value or overriding member whose declared type returns void, or an async 'new Promise' executor: rejections there reach no handler (info when nothing in it can reject, silent when it catches its own errors or the emitter captures rejections). Also async predicates to filter/find/some/every, which are always truthy.",
  docs: {
    what:
      'A function that returns a promise where its result is ignored, so nobody handles the promise:\n\n' +
      '- arguments: an async or promise-returning callback handed to a parameter whose declared return type is `void` (`forEach`, emitter listeners, timers, `addEventListener`, `process.on`, ...), judged against every overload of the callee (every union member, merged interface declarations, in any order): reported only when none accepts a promise-returning function at that position; unions with undefined, rest parameters, a promise returned on some paths and a promise-returning function passed by name included;\n- variables, assignments, returns and object properties (arrow, method shorthand, a function by name, a shorthand `{ f }`, objects returned from functions, `Record<string, () => void>`) whose contextual type is a function *declared* to return `void` (JS: by JSDoc);\n- inherited methods: a member returning a promise where a base class, abstract class, extended or implemented interface or type literal declares it `(): void`;\n- an async `new Promise` executor;\n- array predicates: an async or promise-returning callback to `filter`, `find`, `findIndex`, `findLast(Index)`, `some`, `every` on arrays, readonly arrays, tuples and their unions or intersections;\n- JSX event handlers (`onClick={async () => ...}`, `onSubmit={handleSubmit}`): the element ignores what the handler returns (see `jsxHandlers`).\n\n' +
      "Where the squiggle goes, always small: the `async` keyword of an inline async callback; the argument itself when a promise-returning function is passed by reference (`emitter.on('x', load)`); the returned promise expression of a non-async callback that returns one (`() => save(x)`); the return type of a non-async or bodiless member.",
    why:
      "Whoever calls the function ignores its result, so no handler is ever attached to the promise: a rejection inside becomes an unhandled rejection, which crashes Node (>= 15) by default, and the caller goes on before the work is done. In an async `new Promise` executor an exception after the first await is lost and the promise never settles. A promise used as a predicate's result is always truthy.",
    notReported: [
      'Parameters whose return type accepts a promise (`() => Promise<void>`, `() => unknown`, `any`), and JSX props typed so.',
      '`.then`/`.catch`/`.finally` callbacks.',
      'Promises the callback itself handles (`() => save().catch(log)`): a returned promise whose rejection is handled right there (`p.catch(h)`, `p.then(f, h)` with a callable `h` that does not rethrow, then `.then`/`.finally` callbacks that cannot throw by themselves: `handledChains.ts`). `.catch(undefined)`, `.catch(null)` and `.then(f, undefined)` handle nothing and are still reported.',
      'A function that handles its own errors: no unguarded rejection point and a try/catch, or a try whose `finally` ends with `process.exit()`.',
      "Listeners on an EventEmitter created with `{ captureRejections: true }` (or a subclass passing it to `super`, or a file setting `EventEmitter.captureRejections = true`): rejections are routed to `'error'`.",
      "A `Function`-typed parameter (DOM's `setTimeout(handler: TimerHandler)`, @types/node's `process.nextTick(callback: Function)`), unless another overload declares a void callback there: which parameters ignore the callback's result is decided by their declared type, across every overload (`receiverIgnoresReturn`). Timers are known by name only where the declaration is untyped (contextual type `any` or missing: JS without @types/node).",
    ],
    severity:
      "At every void site, a function whose body can reject outside a try/catch (or whose body is out of sight) is a warning; one in which nothing can reject (`async () => {}`, no await or throw) is info: its promise is still dropped and its work runs unordered. Bodiless inherited members (abstract, interface) say nothing about an implementation's rejections and are info. A `new Promise` executor returning a promise that cannot reject is info. Async array predicates are a logic bug whatever the rejection: a warning.\n\n" +
      'JSX event handlers follow `jsxHandlers`: `whenUnguarded` (default) warns about a handler only when its body can reject outside a try/catch (an await, a throw, a returned promise, a call to a project function that throws); one that catches its own errors is not reported, one in which nothing rejects (or whose body is out of sight) is info, as at every void site; `always` warns about every async or promise-returning handler; `off` never reports them.',
    reference:
      "typescript-eslint `no-misused-promises`, `checksVoidReturn` (arguments, variables, properties, returns, inherited methods, JSX attributes) and `checksConditionals` (array predicates). It reports whatever the function's body; this rule grades by whether the body can reject.",
    examples: [
      {
        invalid: `declare function save(id: string): Promise<void>;

export function saveAll(ids: string[]): void {
  ids.forEach(async (id) => {
    await save(id);
  });
}
`,
        valid: `declare function save(id: string): Promise<void>;

export async function saveAll(ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => save(id)));
}
`,
      },
      {
        invalid: `declare function isActive(id: string): Promise<boolean>;

export function active(ids: string[]): string[] {
  return ids.filter(async (id) => isActive(id));
}
`,
        valid: `declare function isActive(id: string): Promise<boolean>;

export async function active(ids: string[]): Promise<string[]> {
  const flags = await Promise.all(ids.map((id) => isActive(id)));
  return ids.filter((_, index) => flags[index]);
}
`,
      },
    ],
  },
  messages: {
    asyncCallback: "Async callback passed to '{callee}' returns a promise that '{callee}' ignores; {effect}{loop}.",
    promiseCallback: "'{name}' returns a promise that '{callee}' ignores; {effect}{loop}.",
    returnedPromise: "The callback passed to '{callee}' returns this promise, which '{callee}' ignores; {effect}{loop}.",
    asyncExecutor: "'new Promise' executor is async: an exception after the first await is lost and the promise never settles.",
    executorReturnsPromise: "'new Promise' ignores what its executor returns; {effect}.",
    jsxHandler: "'{attribute}' ignores the promise {handler} returns, so a rejection{cause} becomes an unhandled rejection.",
    jsxHandlerInfo: "'{attribute}' ignores the promise {handler} returns; {effect}.",
    voidContext: "This async function is used as '{type}', which returns void: its promise is ignored; {effect}.",
    voidContextReturn: "This promise is returned by a function used as '{type}', which returns void: it is ignored; {effect}.",
    voidContextReference: "'{name}' returns a promise but is used as '{type}', which returns void: its promise is ignored; {effect}.",
    voidOverride: "'{name}' returns a promise but implements '{base}.{name}', which returns void: callers through '{base}' ignore it; {effect}.",
    voidOverrideDeclaration:
      "'{name}' is declared to return a promise but implements '{base}.{name}', which returns void: callers through '{base}' ignore the promise, so a rejection in an implementation becomes an unhandled rejection.",
    asyncPredicate:
      "'{method}' uses this callback's result as a condition, but the callback returns a promise, which is always truthy: {result}. Await the conditions first (e.g. with Promise.all), then call '{method}' with a synchronous callback.",
  } satisfies Record<MessageId, string>,
  fixAllSafe:
    'none: rewriting forEach to a loop or Promise.all makes the caller wait, wrapping in try/catch changes error flow, and dropping `async` from an executor makes a synchronous throw reject the promise instead of being lost.',
  summary:
    'a promise-returning function where a void one is expected (callbacks the callee ignores, judged by the parameter\'s declared type over every overload; properties, variables, returns and overridden methods typed as returning void); async callbacks to `filter`/`find`/`some`/`every` (always truthy); `new Promise(async ...)`; info when nothing in the function can reject, silent when it catches its own errors or the emitter has `captureRejections`',
  concepts: {
    'error-handling':
      'a promise that can reject with no handler attached, such as an async callback handed to an API that ignores its result.',
  },
  background: {
    coroutines: 'a rejection that no handler will ever see.',
    'event-loop': 'a failure the loop reports to nobody, which stops the process.',
  },
  options: {
    jsxHandlers: {
      schema: { type: 'string', enum: ['whenUnguarded', 'always', 'off'] },
      default: 'whenUnguarded',
      markdown: true,
      description:
        'How `unhandled-rejection` treats async functions in JSX attributes (`onClick={async () => ...}`): `whenUnguarded` warns when their body can reject outside a `try/catch`, reports them as info when nothing in them is seen to reject, and stays silent when they catch their own errors; `always` warns on every one; `off` never reports them.',
      summary: 'async JSX handlers (`onClick={async () => ...}`): warn when they can reject outside `try/catch` (info when nothing in them rejects), `always`, or `off`',
    },
  },
  create(context) {
    const { checker, analysis } = context;

    const check = (call: ts.CallExpression | ts.NewExpression): void => {
      // Cheap filter first: only arguments that can return a promise need the contextual signature.
      const sites = callbackSites(call).filter((site) => mayReturnPromise(site.callback, checker));
      if (sites.length === 0 || isPromiseChainCall(call, checker)) return;
      const isExecutorCall = isPromiseConstructorCall(call, analysis.apis);
      const predicate = ts.isCallExpression(call) ? arrayPredicateMethod(checker, call) : undefined;
      for (const site of sites) {
        if (isExecutorCall && site.index === 0) checkExecutor(site);
        else if (predicate && site.index === 0) checkPredicate(site, predicate);
        else if (
          receiverIgnoresReturn(checker, analysis.apis, site) &&
          !someOverloadAcceptsPromise(checker, site.call, site.index) &&
          !capturesListenerRejections(checker, site.call, site.index)
        ) {
          checkCallback(site);
        }
      }
    };

    /** `xs.filter(async (x) => ...)`: the promise is always truthy, whatever it resolves to. A logic bug, reported as such. */
    const checkPredicate = (site: CallbackSite, method: string): void => {
      const callback = site.callback;
      if (isInlineFunction(callback) && callback.asteriskToken) return;
      if (!mayReturnThenable(checker, callback)) return;
      const node = isInlineFunction(callback) && isAsyncFunction(callback) ? asyncKeyword(callback) : callback;
      context.report({ node, messageId: 'asyncPredicate', data: { method, result: PREDICATE_RESULTS[method] ?? 'the condition is always true' } });
    };

    const checkExecutor = (site: CallbackSite): void => {
      const executor = site.callback;
      if (isInlineFunction(executor)) {
        if (executor.asteriskToken) return;
        if (isAsyncFunction(executor)) {
          if (executorRejectsOnCatch(executor) || executorGuardsEveryAwait(executor, checker)) return;
          context.report({ node: asyncKeyword(executor), messageId: 'asyncExecutor', fixes: executorFixes(executor, context) });
          return;
        }
        reportReturnedPromises(executor, site, undefined);
        return;
      }
      if (isPromiseReturningFunction(checker, executor)) context.report({ node: executor, messageId: 'asyncExecutor' });
    };

    /** `callee` undefined: the function is a `new Promise` executor. */
    const reportReturnedPromises = (fn: InlineFunction, site: CallbackSite, callee: string | undefined): void => {
      const returned = ts.isBlock(fn.body) ? ownReturnStatements(fn).map((statement) => statement.expression) : [fn.body];
      const rejecting = returnPointsOf(fn);
      for (const expression of returned) {
        if (!expression || !analysis.isThenable(expression) || isHandledPromiseExpression(expression, checker)) continue;
        const canReject = rejecting.has(expression);
        if (callee === undefined) {
          context.report({
            node: expression,
            messageId: 'executorReturnsPromise',
            data: { effect: canReject ? EXECUTOR_REJECTS : CANNOT_REJECT },
            ...(canReject ? {} : { severityCap: 'info' as const }),
          });
          continue;
        }
        context.report({
          node: expression,
          messageId: 'returnedPromise',
          data: { callee, effect: canReject ? REJECTS : CANNOT_REJECT, loop: canReject ? loopNote(callee) : '' },
          fixes: loopFixes(site, context),
          ...(canReject ? {} : { severityCap: 'info' as const }),
        });
      }
    };

    /** The returned expressions of a function whose promise can reject. */
    const returnPointsOf = (fn: FunctionLike): Set<ts.Node> =>
      new Set(unguardedRejectionPoints(checker, fn).filter((point) => point.kind === 'return').map((point) => point.node));

    /**
     * The risk of a function whose promise is dropped, as report data: it can reject (a place
     * outside try/catch, or its body is out of sight): a warning, with those places as related
     * locations; it handles its own errors (every such place sits in a try/catch, or in a try whose
     * finally ends the process): undefined, nothing to report; nothing in it can reject (`async ()
     * => {}`, no await): info, the promise is still dropped and its work runs unordered.
     */
    const risk = (fn: FunctionLike | undefined, loop = '') => {
      const points = fn ? unguardedRejectionPoints(checker, fn) : undefined;
      if (fn && points!.length === 0 && catchesItsOwnErrors(fn)) return undefined;
      return riskData(points === undefined || points.length > 0, loop, points);
    };

    const riskData = (canReject: boolean, loop = '', points: RejectionPoint[] = []) => ({
      canReject,
      effect: canReject ? REJECTS : CANNOT_REJECT,
      loop: canReject ? loop : '',
      related: points.map((point) => relatedLocation(point.node, rejectionNote(point))),
      ...(canReject ? {} : { severityCap: 'info' as const }),
    });

    const checkCallback = (site: CallbackSite): void => {
      const callee = calleeName(site.call) ?? 'the callee';
      const callback = site.callback;
      if (isInlineFunction(callback)) {
        if (callback.asteriskToken) return;
        if (!isAsyncFunction(callback)) {
          reportReturnedPromises(callback, site, callee);
          return;
        }
        const callbackRisk = risk(callback, loopNote(callee));
        if (!callbackRisk) return;
        const { canReject, effect, loop, related, severityCap } = callbackRisk;
        const loopRewrites = loopFixes(site, context);
        const fixes = [...loopRewrites];
        if (loopRewrites.length === 0 && canReject) {
          const wrap = wrapBodyInTry(callback, 'console.error(error);');
          if (wrap) fixes.push({ title: 'Catch and log errors inside the callback', kind: 'suggestion', edits: [wrap] });
        }
        context.report({ node: asyncKeyword(callback), messageId: 'asyncCallback', data: { callee, effect, loop }, related, fixes, severityCap });
        return;
      }
      if (!isPromiseReturningFunction(checker, callback)) return;
      const referenceRisk = risk(referencedFunction(checker, callback), loopNote(callee));
      if (!referenceRisk) return;
      const { effect, loop, related, severityCap } = referenceRisk;
      context.report({
        node: callback,
        messageId: 'promiseCallback',
        data: { name: shortText(callback), callee, effect, loop },
        related,
        fixes: loopFixes(site, context),
        severityCap,
      });
    };

    const checkJsxAttribute = (attribute: ts.JsxAttribute): void => {
      const mode = context.settings.jsxHandlers;
      if (mode === 'off' || !ts.isIdentifier(attribute.name) || !/^on[A-Z]/.test(attribute.name.text)) return;
      const initializer = attribute.initializer;
      if (!initializer || !ts.isJsxExpression(initializer) || !initializer.expression) return;
      const handler = skipParenthesesDown(initializer.expression);
      if (!mayReturnPromise(handler, checker)) return;
      if (!jsxPropIgnoresReturn(checker, initializer.expression)) return;
      const name = attribute.name.text;

      if (isInlineFunction(handler)) {
        const points = unguardedRejectionPoints(checker, handler);
        if (!isAsyncFunction(handler)) {
          // A plain arrow returning a promise: each returned promise that can reject.
          for (const point of points) {
            context.report({ node: point.node, messageId: 'jsxHandler', data: { attribute: name, handler: 'this handler', cause: '' } });
          }
          return;
        }
        if (points.length === 0 && mode !== 'always') {
          reportJsxCannotReject(attribute, handler, 'this async handler');
          return;
        }
        const fix = jsxWrapFix(handler, points, context);
        context.report({
          node: asyncKeyword(handler),
          messageId: 'jsxHandler',
          data: { attribute: name, handler: 'this async handler', cause: causeText(points[0]) },
          related: points.map((point) => relatedLocation(point.node, rejectionNote(point))),
          fixes: fix ? [fix] : [],
        });
        return;
      }

      const target = referencedFunction(checker, handler);
      const points = target ? unguardedRejectionPoints(checker, target) : [];
      if (mode !== 'always' && points.length === 0) {
        reportJsxCannotReject(attribute, handler, `'${shortText(handler)}'`, target);
        return;
      }
      const fix = target && isAsyncFunction(target) ? jsxWrapFix(target, points, context) : undefined;
      context.report({
        node: handler,
        messageId: 'jsxHandler',
        data: { attribute: name, handler: `'${shortText(handler)}'`, cause: causeText(points[0]) },
        related: points.map((point) => relatedLocation(point.node, rejectionNote(point))),
        fixes: fix ? [fix] : [],
      });
    };

    /**
     * `whenUnguarded`, an async handler with no unguarded rejection point: one that handles its own
     * errors (a try/catch, or a try whose finally ends the process) is not reported, as at every
     * void site (like a chain ending in `.catch(h)`); one in which nothing rejects, or whose body is
     * out of sight, still has its promise dropped: info (typescript-eslint reports these).
     */
    const reportJsxCannotReject = (attribute: ts.JsxAttribute, handler: ts.Expression, label: string, target?: FunctionLike): void => {
      const fn = isInlineFunction(handler) ? handler : target;
      if (fn && catchesItsOwnErrors(fn)) return;
      const effect = fn ? CANNOT_REJECT : OUT_OF_SIGHT;
      const node = isInlineFunction(handler) ? asyncKeyword(handler) : handler;
      context.report({ node, messageId: 'jsxHandlerInfo', data: { attribute: (attribute.name as ts.Identifier).text, handler: label, effect }, severityCap: 'info' });
    };

    /**
     * A function stored where a void-returning function is expected: a typed variable, an object
     * property, an assignment, a returned value (typescript-eslint's checksVoidReturn variables,
     * properties and returns). The contextual type says what callers will do with the result.
     */
    const checkValue = (expression: ts.Expression | undefined): void => {
      if (!expression) return;
      const value = skipParenthesesDown(expression);
      if (!isInlineFunction(value) && !ts.isIdentifier(value) && !ts.isPropertyAccessExpression(value)) return;
      if (!mayReturnPromise(value, checker)) return;
      const type = voidFunctionContext(checker, expression);
      if (!type) return;
      if (!isInlineFunction(value)) {
        reportReference(value, referencedFunction(checker, value), type);
        return;
      }
      if (value.asteriskToken) return;
      if (!isAsyncFunction(value)) {
        reportReturned(value, type);
        return;
      }
      reportAsync(value, type);
    };

    /** A non-async function used as a void function: each promise it returns unhandled. */
    const reportReturned = (fn: FunctionLike, type: string): void => {
      const rejecting = returnPointsOf(fn);
      for (const returned of unhandledReturnedPromises(fn)) {
        const { effect, severityCap } = riskData(rejecting.has(returned));
        context.report({ node: returned, messageId: 'voidContextReturn', data: { type, effect }, severityCap });
      }
    };

    /** `cond ? async () => {} : f`, `handler ?? (async () => {})`: each branch that is a function. */
    const checkValueBranches = (expression: ts.Expression | undefined): void => {
      if (!expression) return;
      const value = skipParenthesesDown(expression);
      if (ts.isConditionalExpression(value)) {
        checkValueBranches(value.whenTrue);
        checkValueBranches(value.whenFalse);
        return;
      }
      if (ts.isBinaryExpression(value) && isLogicalOperator(value.operatorToken.kind)) {
        checkValueBranches(value.right);
        return;
      }
      checkValue(value);
    };

    const reportAsync = (fn: FunctionLike, type: string): void => {
      const fnRisk = risk(fn);
      if (!fnRisk) return;
      const { canReject, effect, related, severityCap } = fnRisk;
      context.report({ node: asyncKeyword(fn), messageId: 'voidContext', data: { type, effect }, related, fixes: canReject ? catchFixes(fn) : [], severityCap });
    };

    const reportReference = (node: ts.Node, target: FunctionLike | undefined, type: string): void => {
      const targetRisk = risk(target);
      if (!targetRisk) return;
      const { effect, related, severityCap } = targetRisk;
      context.report({ node, messageId: 'voidContextReference', data: { name: shortText(node), type, effect }, related, severityCap });
    };

    /** `{ f }` where the object's contextual type declares `f` returning void and `f` returns a promise. */
    const checkShorthand = (property: ts.ShorthandPropertyAssignment): void => {
      if (!ts.isObjectLiteralExpression(property.parent)) return;
      const symbol = checker.getShorthandAssignmentValueSymbol(property);
      const declaration = symbol?.valueDeclaration;
      if (!symbol || !declaration) return;
      const valueType = checker.getTypeOfSymbolAtLocation(symbol, property);
      if (!returnsOnlyThenables(checker, valueType, property)) return;
      const type = voidPropertyOfContext(checker, property.parent, property.name.text);
      if (!type) return;
      reportReference(property.name, referencedFunction(checker, property.name) ?? functionOfDeclaration(declaration), type);
    };

    const unhandledReturnedPromises = (fn: FunctionLike): ts.Expression[] => {
      if (!fn.body) return [];
      const returned = ts.isBlock(fn.body) ? ownReturnStatements(fn).map((statement) => statement.expression) : [fn.body as ts.Expression];
      return returned.filter((expression): expression is ts.Expression => !!expression && analysis.isThenable(expression) && !isHandledPromiseExpression(expression, checker));
    };

    const catchFixes = (fn: FunctionLike): Fix[] => {
      const wrap = wrapBodyInTry(fn, 'console.error(error);');
      return wrap ? [{ title: 'Catch and log errors inside the function', kind: 'suggestion', edits: [wrap] }] : [];
    };

    /**
     * A member returning a promise where a base class, abstract class, implemented or extended
     * interface (or type literal) declares it returning void: an async method or arrow property, a
     * method declared to return a promise, and (bodiless: abstract members, interface members) a
     * declaration whose return type is a promise.
     */
    const checkMember = (member: ts.MethodDeclaration | ts.PropertyDeclaration | ts.MethodSignature | ts.PropertySignature): void => {
      if (!member.name || ts.isComputedPropertyName(member.name)) return;
      const owner = member.parent;
      if (ts.isObjectLiteralExpression(owner)) {
        if (!ts.isMethodDeclaration(member) || !member.body || member.asteriskToken) return;
        const async = isAsyncFunction(member);
        if (!async && !ownReturnStatements(member).some((statement) => statement.expression)) return;
        const type = voidPropertyOfContext(checker, owner, propertyNameText(member.name));
        if (!type) return;
        if (async) reportAsync(member, type);
        else reportReturned(member, type);
        return;
      }
      if (!ts.isClassLike(owner) && !ts.isInterfaceDeclaration(owner)) return;
      if (!owner.heritageClauses?.length) return; // nothing to implement
      if (ts.getCombinedModifierFlags(member as ts.Declaration) & ts.ModifierFlags.Static) return;
      const name = propertyNameText(member.name);
      if (!name || ts.isPrivateIdentifier(member.name)) return;

      const initializer = ts.isPropertyDeclaration(member) && member.initializer ? skipParenthesesDown(member.initializer) : undefined;
      const fn: FunctionLike | undefined = ts.isMethodDeclaration(member) ? member : initializer && isInlineFunction(initializer) ? initializer : undefined;
      if (fn && (fn as ts.MethodDeclaration).asteriskToken) return;
      // Annotated `() => void` itself: checkValue reports it against its own annotation.
      if (ts.isPropertyDeclaration(member) && member.type && member.initializer && voidFunctionContext(checker, member.initializer)) return;

      if (fn?.body) {
        const async = isAsyncFunction(fn);
        if (!async && !returnsOnlyThenables(checker, checker.getTypeAtLocation(fn), fn)) return;
        const base = voidBaseMember(checker, owner, name);
        if (!base) return;
        const memberRisk = risk(fn);
        if (!memberRisk) return;
        const { canReject, effect, related, severityCap } = memberRisk;
        context.report({
          node: async ? asyncKeyword(fn) : (fn.type ?? member.name),
          messageId: 'voidOverride',
          data: { name, base, effect },
          related,
          fixes: async && canReject ? catchFixes(fn) : [],
          severityCap,
        });
        return;
      }
      // Bodiless: an abstract method, an overload, an interface member, a property typed as a function.
      if (initializer || (fn && !ts.isMethodDeclaration(fn))) return;
      const returnTypeNode = declaredPromiseReturnType(member);
      if (!returnTypeNode) return;
      const memberType = checker.getTypeAtLocation(member);
      if (!returnsOnlyThenables(checker, memberType, member)) return;
      const base = voidBaseMember(checker, owner, name);
      if (!base) return;
      // Nothing runs here: whether an implementation can reject is out of sight, hence info.
      context.report({ node: returnTypeNode, messageId: 'voidOverrideDeclaration', data: { name, base }, severityCap: 'info' });
    };

    return {
      [ts.SyntaxKind.CallExpression]: check,
      [ts.SyntaxKind.NewExpression]: check,
      [ts.SyntaxKind.JsxAttribute]: checkJsxAttribute,
      [ts.SyntaxKind.VariableDeclaration]: (node: ts.VariableDeclaration) => {
        if (node.type || ts.getJSDocType(node)) checkValueBranches(node.initializer);
      },
      [ts.SyntaxKind.PropertyAssignment]: (node: ts.PropertyAssignment) => checkValueBranches(node.initializer),
      [ts.SyntaxKind.ShorthandPropertyAssignment]: checkShorthand,
      [ts.SyntaxKind.PropertyDeclaration]: (node: ts.PropertyDeclaration) => {
        if (node.type && node.initializer) checkValue(node.initializer);
        checkMember(node);
      },
      [ts.SyntaxKind.MethodDeclaration]: checkMember,
      [ts.SyntaxKind.MethodSignature]: checkMember,
      [ts.SyntaxKind.PropertySignature]: checkMember,
      [ts.SyntaxKind.ReturnStatement]: (node: ts.ReturnStatement) => checkValueBranches(node.expression),
      [ts.SyntaxKind.ArrowFunction]: (node: ts.ArrowFunction) => {
        if (!ts.isBlock(node.body)) checkValue(node.body);
      },
      [ts.SyntaxKind.BinaryExpression]: (node: ts.BinaryExpression) => {
        if (node.operatorToken.kind === ts.SyntaxKind.EqualsToken) checkValueBranches(node.right);
      },
    };
  },
});

/** Inline functions that are async or return something, and references to promise-returning functions. */
function mayReturnPromise(callback: ts.Expression, checker: ts.TypeChecker): boolean {
  if (isInlineFunction(callback)) {
    if (callback.asteriskToken) return false;
    return isAsyncFunction(callback) || !ts.isBlock(callback.body) || ownReturnStatements(callback).some((statement) => statement.expression);
  }
  if (ts.isLiteralExpression(callback) || ts.isObjectLiteralExpression(callback) || ts.isArrayLiteralExpression(callback)) return false;
  return isPromiseReturningFunction(checker, callback);
}

/**
 * The prop's type ignores what the handler returns: every call signature returns `void` or `any`
 * (React's `EventHandler`), or the prop is untyped. A prop typed `() => Promise<void>` or
 * `() => unknown` may be awaited by the component, so it is not an event handler in our sense.
 */
function jsxPropIgnoresReturn(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  const contextual = checker.getContextualType(expression);
  if (!contextual || contextual.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  const parts = contextual.isUnion() ? contextual.types : [contextual];
  const signatures = parts.flatMap((part) => checker.getNonNullableType(part).getCallSignatures());
  if (signatures.length === 0) return true;
  return signatures.every((signature) => checker.getReturnTypeOfSignature(signature).flags & (ts.TypeFlags.Void | ts.TypeFlags.Any | ts.TypeFlags.Undefined));
}

/** The contextual type of `expression` when it is a function type whose every signature returns exactly void. */
function voidFunctionContext(checker: ts.TypeChecker, expression: ts.Expression): string | undefined {
  const contextual = checker.getContextualType(expression);
  return contextual && returnsOnlyVoid(checker, contextual) ? typeText(checker, contextual, expression) : undefined;
}

/**
 * Every call signature returns exactly `void`, and says so: the return type is written (a type
 * annotation, a function type, JSDoc, a declaration file), not inferred from a body. An inferred
 * `void` is no promise about callers (JS that swaps `queue.push` for a promise-returning one).
 */
function returnsOnlyVoid(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
  const parts = type.isUnion() ? type.types : [type];
  const signatures = parts.flatMap((part) => checker.getNonNullableType(part).getCallSignatures());
  return (
    signatures.length > 0 &&
    signatures.every((signature) => (checker.getReturnTypeOfSignature(signature).flags & ts.TypeFlags.Void) !== 0 && hasDeclaredReturnType(signature))
  );
}

function hasDeclaredReturnType(signature: ts.Signature): boolean {
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (!declaration) return true; // synthesized (mapped or instantiated types): from declared types
  if (declaration.getSourceFile().isDeclarationFile || declaration.type) return true;
  return !!ts.getJSDocReturnType(declaration) || !!ts.getJSDocType(declaration);
}

function typeText(checker: ts.TypeChecker, type: ts.Type, location: ts.Node): string {
  const text = checker.typeToString(checker.getNonNullableType(type), location);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `{ async onStart() {} }`, `{ f }`: the object's contextual type declares property `name` returning void. */
function voidPropertyOfContext(checker: ts.TypeChecker, literal: ts.ObjectLiteralExpression, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const contextual = checker.getContextualType(literal);
  if (!contextual) return undefined;
  const parts = contextual.isUnion() ? contextual.types : [contextual];
  const types = parts.flatMap((part) => {
    const nonNullable = checker.getNonNullableType(part);
    const property = checker.getPropertyOfType(nonNullable, name);
    if (property) return [checker.getTypeOfSymbolAtLocation(property, literal)];
    // `Record<string, () => void>` and other index signatures.
    const indexed = nonNullable.getStringIndexType();
    return indexed ? [indexed] : [];
  });
  if (types.length === 0 || !types.every((type) => returnsOnlyVoid(checker, type))) return undefined;
  return typeText(checker, types[0], literal);
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/** The base class, interface or type literal (by its text in the heritage clause) whose member `name` returns only void. */
function voidBaseMember(checker: ts.TypeChecker, owner: ts.ClassLikeDeclaration | ts.InterfaceDeclaration, name: string): string | undefined {
  for (const clause of owner.heritageClauses ?? []) {
    for (const heritage of clause.types) {
      const baseType = checker.getTypeAtLocation(heritage);
      const property = baseType.getProperty(name);
      if (!property) continue;
      const type = checker.getTypeOfSymbolAtLocation(property, heritage);
      if (returnsOnlyVoid(checker, type)) return heritage.expression.getText();
    }
  }
  return undefined;
}

/** Every call signature of the type returns a promise-like (and there is one). */
function returnsOnlyThenables(checker: ts.TypeChecker, type: ts.Type, location: ts.Node): boolean {
  const signatures = checker.getNonNullableType(type).getCallSignatures();
  return (
    signatures.length > 0 &&
    signatures.every((signature) => {
      const returned = checker.getReturnTypeOfSignature(signature);
      return !(returned.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) && (returned.isUnion() ? returned.types : [returned]).every((part) => isThenableType(checker, part, location));
    })
  );
}

/** The written return type of a bodiless member: `m(): Promise<void>;`, `p: () => Promise<void>;`. */
function declaredPromiseReturnType(member: ts.MethodDeclaration | ts.PropertyDeclaration | ts.MethodSignature | ts.PropertySignature): ts.TypeNode | undefined {
  if (ts.isMethodDeclaration(member) || ts.isMethodSignature(member)) return member.type;
  const type = member.type;
  if (type && ts.isFunctionTypeNode(type)) return type.type;
  return undefined;
}

/** A function declaration, or a variable initialised with a function, from its declaration. */
function functionOfDeclaration(declaration: ts.Declaration): FunctionLike | undefined {
  if (isFunctionLike(declaration)) return declaration.body ? declaration : undefined;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const initializer = skipParenthesesDown(declaration.initializer);
    if (isInlineFunction(initializer)) return initializer;
  }
  return undefined;
}

function causeText(point: RejectionPoint | undefined): string {
  if (!point) return '';
  const line = point.node.getSourceFile().getLineAndCharacterOfPosition(point.node.getStart()).line + 1;
  switch (point.kind) {
    case 'await':
      return ` (the await on line ${line} is outside try/catch)`;
    case 'throw':
      return ` (the throw on line ${line} is outside try/catch)`;
    case 'return':
      return ` (of the promise returned on line ${line})`;
    case 'call':
      return ` (the call on line ${line} throws and is outside try/catch)`;
  }
}

function rejectionNote(point: RejectionPoint): string {
  switch (point.kind) {
    case 'await':
      return 'this await can reject, outside try/catch';
    case 'throw':
      return 'this throw is outside try/catch';
    case 'return':
      return 'this returned promise can reject';
    case 'call':
      return 'this call throws, outside try/catch';
  }
}

/**
 * "Catch and log errors inside the handler": wraps the body in try/catch. An expression body
 * becomes `{ try { await <expr>; } catch (error) { ... } }`. Not offered when the body returns a
 * promise from a block (the try would not see it reject).
 */
function jsxWrapFix(fn: FunctionLike, points: RejectionPoint[], context: RuleContext): Fix | undefined {
  const title = 'Catch and log errors inside the handler';
  const body = fn.body;
  if (!body) return undefined;
  if (ts.isBlock(body)) {
    if (points.some((point) => point.kind === 'return')) return undefined;
    const wrap = wrapBodyInTry(fn, 'console.error(error);');
    return wrap ? { title, kind: 'suggestion', edits: [wrap] } : undefined;
  }
  const expression = body as ts.Expression;
  if (hasMultilineLiteral(expression)) return undefined;
  const inner = skipParenthesesDown(expression);
  const text = inner.getText(body.getSourceFile());
  const awaited = !ts.isAwaitExpression(inner) && context.analysis.isThenable(inner) ? `await ${needsOperandParentheses(inner) ? `(${text})` : text}` : text;
  return { title, kind: 'suggestion', edits: [replaceNode(body, `{ try { ${awaited}; } catch (error) { console.error(error); } }`)] };
}

function loopNote(callee: string): string {
  return callee === 'forEach' ? LOOP_NOTE : '';
}

function asyncKeyword(fn: FunctionLike): ts.Node {
  return ts.getModifiers(fn as ts.HasModifiers)?.find((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? fn;
}

/** An async executor whose whole body is `try { ... } catch (e) { reject(e) }`: exceptions reach the promise. */
function executorRejectsOnCatch(executor: InlineFunction): boolean {
  const reject = executor.parameters[1];
  if (!reject || !ts.isIdentifier(reject.name) || !bodyCatchesEverything(executor)) return false;
  const statement = (executor.body as ts.Block).statements[0] as ts.TryStatement;
  const name = reject.name.text;
  let calls = false;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name) calls = true;
    if (!calls) ts.forEachChild(node, visit);
  };
  visit(statement.catchClause!.block);
  return calls;
}

/**
 * An async executor where nothing can throw outside a try/catch (every await is inside one) and
 * every catch passes the error on to a `reject` (the parameter, or a method named reject, as in
 * `pending.reject(error)`): exceptions reach the promise. vscode-jsonrpc's sendRequest has this shape.
 */
function executorGuardsEveryAwait(executor: InlineFunction, checker: ts.TypeChecker): boolean {
  const reject = executor.parameters[1];
  const rejectName = reject && ts.isIdentifier(reject.name) ? reject.name.text : undefined;
  if (!rejectName || unguardedRejectionPoints(checker, executor).length > 0) return false;
  const catches: ts.CatchClause[] = [];
  const collect = (node: ts.Node): void => {
    if (isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isCatchClause(node)) catches.push(node);
    ts.forEachChild(node, collect);
  };
  ts.forEachChild(executor.body, collect);
  if (catches.length === 0) return false;
  return catches.every((clause) => {
    let calls = false;
    const visit = (node: ts.Node): void => {
      if (calls || isFunctionLike(node)) return;
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        if (name === rejectName || name === 'reject') calls = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(clause.block);
    return calls;
  });
}

// ---------------------------------------------------------------------------------------------
// Fixes

/**
 * `items.forEach(cb);` as a statement of an async function, with `items` an array: rewrite to
 * `await Promise.all(items.map(cb))`, and, for a one-parameter async callback with a block body and
 * nothing that reads the callback's own scope, to `for (const x of items) { ... }`.
 */
function loopFixes(site: CallbackSite, context: RuleContext): Fix[] {
  const { call } = site;
  if (!ts.isCallExpression(call) || call.questionDotToken || site.index !== 0) return [];
  const callee = skipParenthesesDown(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken || callee.name.text !== 'forEach') return [];
  const statement = call.parent;
  if (!ts.isExpressionStatement(statement) || statement.expression !== call) return [];
  const fn = enclosingFunction(call);
  if (!fn || !isAsyncFunction(fn)) return [];
  const receiverType = context.checker.getTypeAtLocation(callee.expression);
  if (!context.checker.isArrayType(receiverType) && !context.checker.isTupleType(receiverType)) return [];
  if (!isGlobalPromiseInScope(context.checker, call)) return [];

  const sourceFile = context.sourceFile;
  const text = sourceFile.text;
  const fixes: Fix[] = [];
  const callback = site.callback;
  const forOf = forOfText(callback, call, callee, context);
  if (forOf) {
    fixes.push({
      title: 'Use a for...of loop that awaits each item in turn',
      kind: 'suggestion',
      edits: [replaceNode(statement, forOf)],
    });
  }
  const mapped = text.slice(call.getStart(sourceFile), callee.name.getStart(sourceFile)) + 'map' + text.slice(callee.name.getEnd(), call.getEnd());
  fixes.push({
    title: `Wait for every callback with await Promise.all(${shortText(callee.expression)}.map(...))`,
    kind: 'suggestion',
    edits: [replaceNode(call, `await Promise.all(${mapped})`)],
  });
  return fixes;
}

function forOfText(callback: ts.Expression, call: ts.CallExpression, callee: ts.PropertyAccessExpression, context: RuleContext): string | undefined {
  if (!isInlineFunction(callback) || !isAsyncFunction(callback) || !ts.isBlock(callback.body)) return undefined;
  if (call.arguments.length !== 1 || callback.parameters.length !== 1) return undefined;
  const parameter = callback.parameters[0];
  if (parameter.dotDotDotToken || parameter.initializer) return undefined;
  if (ownReturnStatements(callback).length > 0 || usesFunctionScope(callback)) return undefined;
  if (ts.isFunctionExpression(callback) && callback.name) return undefined; // may call itself by name
  const sourceFile = context.sourceFile;
  return `for (const ${parameter.name.getText(sourceFile)} of ${callee.expression.getText(sourceFile)}) ${callback.body.getText(sourceFile)}`;
}

/** Executor fixes: drop `async` when nothing is awaited, else catch and pass exceptions to reject. */
function executorFixes(executor: InlineFunction, context: RuleContext): Fix[] {
  if (!ts.isBlock(executor.body)) return [];
  const sourceFile = context.sourceFile;
  if (!containsOwnAwait(executor)) {
    if (ownReturnStatements(executor).some((statement) => statement.expression)) return [];
    const keyword = asyncKeyword(executor);
    let end = keyword.getEnd();
    while (end < sourceFile.text.length && /\s/.test(sourceFile.text[end])) end++;
    return [
      {
        title: "Remove 'async' from the executor",
        kind: 'suggestion',
        edits: [{ fileName: sourceFile.fileName, start: keyword.getStart(sourceFile), end, newText: '' }],
      },
    ];
  }
  const edits: TextEdit[] = [];
  let rejectName: string;
  const [resolve, reject] = executor.parameters;
  if (reject) {
    if (!ts.isIdentifier(reject.name)) return [];
    rejectName = reject.name.text;
  } else {
    if (!resolve || !ts.isIdentifier(resolve.name) || resolve.dotDotDotToken || resolve.type || resolve.initializer) return [];
    if (!isNameFree(context.checker, executor.body, 'reject')) return [];
    rejectName = 'reject';
    const hasParentheses = executor.getChildren(sourceFile).some((child) => child.kind === ts.SyntaxKind.OpenParenToken);
    edits.push(
      hasParentheses
        ? { fileName: sourceFile.fileName, start: resolve.getEnd(), end: resolve.getEnd(), newText: ', reject' }
        : replaceNode(resolve, `(${resolve.name.text}, reject)`),
    );
  }
  const wrap = wrapBodyInTry(executor, `${rejectName}(error);`);
  if (!wrap) return [];
  edits.push(wrap);
  return [{ title: `Pass exceptions to '${rejectName}' with try/catch`, kind: 'suggestion', edits }];
}
