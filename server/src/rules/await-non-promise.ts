// await-non-promise: `await` of values that cannot be promises. What it reports and why: the `docs` field below.
import { ts } from '../engine/compiler';
import { isKnownNonThenable, isNullishLiteral, isThenableType, skipParenthesesDown } from '../engine/analysis';
import { isJavaScriptFile } from '../engine/analysis/sourceFiles';
import type { Fix } from '../engine/findings';
import { insertAt, removeAwaitEdit, removeForAwaitEdit, replaceNode } from '../engine/fixes';
import { shortText } from '../engine/analysis/messageText';
import { RuleContext, defineRule } from '../engine/rule';

type MessageId =
  | 'notPromise'
  | 'voidCall'
  | 'uncalledFunction'
  | 'arrayOfPromises'
  | 'syncIterable'
  | 'syncIterableOfPromises'
  | 'improperThenValue'
  | 'improperThenMethod'
  | 'constrainedNotPromise'
  | 'awaitUsingSync'
  | 'aggregatorElement'
  | 'aggregatorUncalledFunction'
  | 'aggregatorNestedArray'
  | 'aggregatorInput'
  | 'aggregatorFunctionItems'
  | 'aggregatorTupleElement'
  | 'nullishTick'
  | 'awaitUsingNullish';

export default defineRule<MessageId>({
  id: 'await-non-promise',
  concept: 'await',
  defaultSeverity: 'warning',
  description:
    "'await' on a value whose type is not a promise (a number, an object without then or with a then that is not a promise's, a void call, an uncalled async function, a type parameter constrained to a non-promise); 'await using' of a value that is only Disposable; values that are not promises in Promise.all/allSettled/race/any.",
  docs: {
    what:
      '`await` of a value whose type is known and cannot be a promise: a number, a string, an object without `then`, the result of a void-returning call, a function that was meant to be called (`await fetchUser` instead of `await fetchUser()`), or an array of promises (`await ids.map(load)`, which waits for none of them). The squiggle covers the whole `await` expression.\n\n' +
      "Also: a value whose `then` is not a promise's (`then: number`: await gives the object back; `then()` taking no callback: await calls it and may never resume); a type parameter whose constraint is not a promise (`T extends number`), `return await` included; each declarator of `await using` whose value is Disposable but not AsyncDisposable; and in `Promise.all/allSettled/race/any` on the global Promise, each array-literal element that is not a promise, a non-literal argument whose items are promise-returning functions (`Promise.all(tasks)`, never called), one none of whose items can be a promise, or a tuple with an element that cannot be one.\n\n" +
      '`for await` over a value that is not async iterable (an array, a sync generator): the loop is a plain `for...of` with a tick per item. Removing `await` is offered (safe) only when the items are known not to be promises; over an iterable of promises `for await` does wait for each, and the suggestion is `Promise.all`.',
    why:
      'An `await` on a value that is not a promise waits for nothing but a microtask tick. It usually stands for a missing call (`await fetchUser`), a missing `Promise.all` (`await ids.map(load)`: nothing is waited for, and rejections go unhandled), or a type that is not what the author thinks. Functions listed in `Promise.all` are never called, so their work never runs.',
    notReported: [
      '`any`, `unknown`, unconstrained type parameters, unions with a thenable part.',
      '`{}`, `object`, `Record<string, any>`: a promise fits in them. A written object literal without `then` (`await {}`) and a number index alone (`any[]`) are reported.',
      'Values whose `then` takes a callback first, however loosely typed (`any`, `unknown`, `Function`).',
      '`for await` over items of type `any` or `unknown` (`Iterable<any>`); `await using` of `any`.',
      "A type inferred from a JavaScript function whose module later replaces that member (`queue.push = push`, as fastq's promise API does): the inferred `void` describes the function that was swapped out.",
    ],
    severity:
      'Warning. `await null` / `await undefined` / `await void 0` (and `await using x = null`) are usually a deliberate tick: info, without a fix, suggesting the explicit `await Promise.resolve()` or `queueMicrotask`. In `Promise.all` and its kin, a plain value passes through: info; an uncalled async function or a nested array of promises is a promise nobody waits for: warning; a non-literal argument of promise-returning functions (never called): warning; one none of whose items can be a promise, or a tuple element that cannot be one: info.',
    reference:
      'typescript-eslint `await-thenable`, including its `for await`, `await using` and `Promise.all` family checks. It reports `await null` / `await undefined` too; here they are info.',
    examples: [
      {
        invalid: `declare function fetchUser(): Promise<{ name: string }>;

export async function show(): Promise<void> {
  const user = await fetchUser;
  console.log(user);
}
`,
        valid: `declare function fetchUser(): Promise<{ name: string }>;

export async function show(): Promise<void> {
  const user = await fetchUser();
  console.log(user.name);
}
`,
      },
      {
        invalid: `declare function load(id: string): Promise<string>;

export async function loadAll(ids: string[]): Promise<void> {
  await ids.map(load);
}
`,
        valid: `declare function load(id: string): Promise<string>;

export async function loadAll(ids: string[]): Promise<void> {
  await Promise.all(ids.map(load));
}
`,
      },
    ],
  },
  messages: {
    notPromise: "This value has type '{type}', which is not a promise; 'await' waits for nothing here but a microtask tick.",
    voidCall: "'{callee}' returns void, not a promise; 'await' waits for nothing here.",
    uncalledFunction: "'{name}' is a function; did you mean to call it: 'await {name}()'?",
    arrayOfPromises: "This is an array of promises, not a promise; 'await' does not wait for them: use 'await Promise.all(...)'.",
    syncIterable: "'for await' over '{type}', which is not async iterable: its items are not promises, so 'await' waits for nothing but a tick per item; use 'for...of'.",
    syncIterableOfPromises:
      "'for await' over '{type}', which is not async iterable: it awaits the promises one by one, and a rejection of a later one goes unhandled while an earlier one is pending; use 'await Promise.all(...)'.",
    improperThenValue: "This value has type '{type}', whose 'then' is not a function, so it is not a promise; 'await' gives back the object itself after a microtask tick.",
    improperThenMethod:
      "This value has type '{type}', whose 'then' takes no callback, so it is not a promise; 'await' calls 'then' with resolve/reject callbacks it ignores, and may never resume.",
    constrainedNotPromise: "This value has type '{type}', constrained to '{constraint}', which is not a promise; 'await' waits for nothing here but a microtask tick.",
    awaitUsingSync:
      "'{type}' is Disposable but not AsyncDisposable: 'await using' calls its synchronous [Symbol.dispose]() and waits for nothing but a tick; use 'using'.",
    aggregatorElement: "This element has type '{type}', which is not a promise; '{method}' passes it through as it is.",
    aggregatorUncalledFunction: "'{name}' is a function, not a promise: '{method}' resolves to the function itself; did you mean '{name}()'?",
    aggregatorNestedArray: "This element is an array of promises, not a promise: '{method}' does not wait for them; spread it ('...') or pass it as the argument.",
    aggregatorInput: "'{method}' over '{type}', whose items are not promises: it waits for nothing but a tick.",
    aggregatorFunctionItems:
      "'{method}' over '{type}', functions that return promises: none is called, so their work never runs and nothing is waited for; did you mean '{method}({argument}.map((task) => task()))'?",
    aggregatorTupleElement: "'{method}' over the tuple '{type}', whose element {index} has type '{item}', which is not a promise; '{method}' passes it through as it is.",
    nullishTick:
      "'await {text}' waits for nothing but one microtask tick; if the tick is the intent, 'await Promise.resolve()' or queueMicrotask(...) says so, otherwise remove it.",
    awaitUsingNullish:
      "'await using' of '{text}' disposes nothing and waits for nothing but one microtask tick at the end of the scope; use 'using', or drop the declaration.",
  },
  fixAllSafe:
    "'Remove await' is safe on plain values, void calls, objects whose 'then' is not a function and values of a type parameter constrained to a non-promise: the value is the same with or without it, and the only difference, one microtask tick of delay, is not an ordering that code should rely on. On an uncalled function or an array of promises the await shows an intent to wait, so removing it (like calling the function or adding Promise.all) is a suggestion; so is removing it before an object whose 'then' method ignores its callbacks (the await calls it, removing it does not), and turning 'await using' into 'using' (the disposal is then no longer awaited).",
  summary:
    '`await` of a value that is not thenable (a `then` that is not a promise\'s, a type parameter constrained to non-promises; `await null` as info); `await using` of a value that is only `Disposable`; non-promises and uncalled async functions in `Promise.all/allSettled/race/any`; `for await` over an iterable that is not async (fix-all removes the `await` when the items are not promises)',
  concepts: {
    await:
      '`await` applied to a value whose type is not a promise or thenable.',
  },
  background: {
    coroutines: '`await` on something that is not a promise.',
    'event-loop': 'a pause that waits for nothing.',
  },
  create(context) {
    const { checker } = context;
    return {
      [ts.SyntaxKind.ForOfStatement]: (loop: ts.ForOfStatement) => checkForAwait(loop, context),
      [ts.SyntaxKind.VariableDeclarationList]: (list: ts.VariableDeclarationList) => checkAwaitUsing(list, context),
      [ts.SyntaxKind.CallExpression]: (call: ts.CallExpression) => checkAggregator(call, context),
      [ts.SyntaxKind.AwaitExpression]: (node: ts.AwaitExpression) => {
        const operand = node.expression;
        const inner = skipParenthesesDown(operand);
        if (isNullishLiteral(inner)) {
          // `await null`, `await undefined`, `await void 0`: usually a deliberate tick, so info, and
          // no fix (what replaces it depends on the intent).
          context.report({ node, messageId: 'nullishTick', data: { text: operand.getText(context.sourceFile) }, severityCap: 'info' });
          return;
        }
        const type = checker.getTypeAtLocation(operand);
        const constraint = nonThenableConstraint(checker, type, operand);
        if (constraint) {
          context.report({
            node,
            messageId: 'constrainedNotPromise',
            data: { type: checker.typeToString(type, node), constraint: checker.typeToString(constraint, node) },
            fixes: [{ title: 'Remove await', kind: 'safe', edits: [removeAwaitEdit(node)] }],
          });
          return;
        }
        // `await {}`: an object literal is what it says, whatever `{}` admits as a type.
        const plainLiteral = ts.isObjectLiteralExpression(inner) && inner.properties.every((property) => !ts.isSpreadAssignment(property) && property.name?.getText() !== 'then');
        if (!isKnownNonThenable(checker, type, operand) || (!plainLiteral && mayHoldPromise(checker, type, operand))) return;
        const improper = improperThen(checker, type, operand);
        if (improper) {
          context.report({
            node,
            messageId: improper === 'value' ? 'improperThenValue' : 'improperThenMethod',
            data: { type: checker.typeToString(type, node) },
            fixes: [{ title: 'Remove await', kind: improper === 'value' ? 'safe' : 'suggestion', edits: [removeAwaitEdit(node)] }],
          });
          return;
        }
        if (typeFromPatchedJsMember(checker, inner, 0)) return;
        // A JS value typed `void` that is not itself a call got its type from inference about some
        // other call (`const running = queue.push(1)`, an array filled by `push`): too far to trust.
        if (!ts.isCallExpression(inner) && type.flags & ts.TypeFlags.Void && isJavaScriptFile(context.sourceFile)) return;
        const removeAwait: Fix = { title: 'Remove await', kind: 'safe', edits: [removeAwaitEdit(node)] };

        const functionType = checker.getNonNullableType(type);
        const promiseSignatures = functionType
          .getCallSignatures()
          .filter((signature) => isThenableType(checker, checker.getReturnTypeOfSignature(signature), operand));
        if (promiseSignatures.length > 0) {
          const name = shortText(inner);
          const call = callFix(node, inner, type, promiseSignatures, context);
          context.report({
            node,
            messageId: 'uncalledFunction',
            data: { name },
            fixes: call ? [call, { ...removeAwait, kind: 'suggestion' }] : [{ ...removeAwait, kind: 'suggestion' }],
          });
          return;
        }
        if (context.analysis.isArrayOfThenables(operand)) {
          const all: Fix = {
            title: 'Wait for every promise with Promise.all',
            kind: 'suggestion',
            preferred: true,
            edits: [replaceNode(operand, `Promise.all(${operand.getText(context.sourceFile)})`)],
          };
          context.report({ node, messageId: 'arrayOfPromises', fixes: [all, { ...removeAwait, kind: 'suggestion' }] });
          return;
        }
        if (ts.isCallExpression(inner) && type.flags & ts.TypeFlags.Void) {
          context.report({ node, messageId: 'voidCall', data: { callee: `${shortText(inner.expression)}()` }, fixes: [removeAwait] });
          return;
        }
        context.report({ node, messageId: 'notPromise', data: { type: checker.typeToString(type, node) }, fixes: [removeAwait] });
      },
    };
  },
});

/**
 * `for await (const x of items)` where `items` has no `[Symbol.asyncIterator]` (in no part of its
 * union). any, unknown and type parameters are left alone, as for `await`.
 */
function checkForAwait(loop: ts.ForOfStatement, context: RuleContext): void {
  if (!loop.awaitModifier) return;
  const { checker } = context;
  const type = checker.getTypeAtLocation(loop.expression);
  if (!isKnownSyncIterable(checker, type)) return;
  const typeText = checker.typeToString(type, loop.expression);
  const items = syncItemTypes(checker, type, loop.expression);
  // `Iterable<any>`, often a loose JSDoc type for "sync or async iterable" (undici's writeIterable): too vague to judge.
  if (items?.some((item) => item.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return;
  const itemsArePlainValues =
    items !== undefined && items.every((item) => isKnownNonThenable(checker, item, loop.expression) && !mayHoldPromise(checker, item, loop.expression));
  context.report({
    node: loop.awaitModifier,
    messageId: itemsArePlainValues ? 'syncIterable' : 'syncIterableOfPromises',
    data: { type: typeText.length > 60 ? `${typeText.slice(0, 57)}...` : typeText },
    fixes: itemsArePlainValues ? [{ title: "Remove await from 'for await'", kind: 'safe', preferred: true, edits: [removeForAwaitEdit(loop.awaitModifier)] }] : [],
  });
}

function isKnownSyncIterable(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Never)) return false;
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) => {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Index | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional)) return false;
    const apparent = checker.getApparentType(part);
    return !!wellKnownSymbolProperty(apparent, 'iterator') && !wellKnownSymbolProperty(apparent, 'asyncIterator');
  });
}

/** `[Symbol.iterator]` / `[Symbol.asyncIterator]`: the checker names them `__@iterator@<id>`. */
function wellKnownSymbolProperty(type: ts.Type, name: string): ts.Symbol | undefined {
  return type.getProperties().find((property) => (property.escapedName as string).startsWith(`__@${name}@`));
}

/** What the iterator yields: `value` of the non-`done` results of `[Symbol.iterator]().next()`; undefined when unclear. */
function syncItemTypes(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): ts.Type[] | undefined {
  const items: ts.Type[] = [];
  for (const part of type.isUnion() ? type.types : [type]) {
    const iteratorProperty = wellKnownSymbolProperty(checker.getApparentType(part), 'iterator');
    const iterator = iteratorProperty && returnTypeOfOnlySignature(checker.getTypeOfSymbolAtLocation(iteratorProperty, node));
    const next = iterator && checker.getPropertyOfType(iterator, 'next');
    const result = next && returnTypeOfOnlySignature(checker.getTypeOfSymbolAtLocation(next, node));
    if (!result) return undefined;
    for (const outcome of result.isUnion() ? result.types : [result]) {
      const done = checker.getPropertyOfType(outcome, 'done');
      const doneType = done && checker.getTypeOfSymbolAtLocation(done, node);
      if (doneType && doneType.flags & ts.TypeFlags.BooleanLiteral && checker.typeToString(doneType) === 'true') continue; // the return value, not an item
      const value = checker.getPropertyOfType(outcome, 'value');
      if (!value) return undefined;
      items.push(checker.getTypeOfSymbolAtLocation(value, node));
    }
  }
  return items.length > 0 ? items : undefined;
}

function returnTypeOfOnlySignature(type: ts.Type): ts.Type | undefined {
  const signatures = type.getCallSignatures();
  return signatures.length === 1 ? signatures[0].getReturnType() : undefined;
}

/**
 * The operand's type comes from a JavaScript function with no declared return type, in a module
 * that assigns a member of that name elsewhere (`queue.push = push`): inference saw the original
 * function, run time calls the replacement. Followed through `const x = call()` up to 3 steps.
 */
function typeFromPatchedJsMember(checker: ts.TypeChecker, expression: ts.Expression, depth: number): boolean {
  if (depth > 3) return false;
  if (ts.isIdentifier(expression)) {
    const declaration = checker.getSymbolAtLocation(expression)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || declaration.type) return false;
    return typeFromPatchedJsMember(checker, skipParenthesesDown(declaration.initializer), depth + 1);
  }
  if (!ts.isCallExpression(expression)) return false;
  const declaration = checker.getResolvedSignature(expression)?.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (!declaration || declaration.type || ts.getJSDocReturnType(declaration)) return false;
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile || !isJavaScriptFile(file)) return false;
  const callee = skipParenthesesDown(expression.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (!name) return false;
  return new RegExp(`\\.${name.replace(/\$/g, "\\$")}\\s*=(?!=)`).test(file.text);
}

/**
 * `{}`, `object` and `Object` admit a promise; and a value with any callable `then` is treated as
 * a thenable by `await` at run time even when its signature is not promise-like.
 */
function mayHoldPromise(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): boolean {
  const parts = type.isUnion() || type.isIntersection() ? type.types : [type];
  return parts.some((part) => {
    if (part.flags & ts.TypeFlags.NonPrimitive) return true;
    if (!(part.flags & ts.TypeFlags.Object)) return false;
    // A `then` that is a method is a promise's when it takes a callback (or an untyped first
    // parameter); `then: number` or `then(): void` are not (typescript-eslint's await-thenable).
    if (part.getProperty('then')) return !improperThen(checker, part, node);
    if (part.getCallSignatures().length > 0 || part.getConstructSignatures().length > 0) return false;
    const indexInfos = checker.getIndexInfosOfType(part);
    // Record<string, any> (a promise fits); not a number index alone (`any[]`, a class extending Array).
    if (indexInfos.some((info) => !(info.keyType.flags & ts.TypeFlags.NumberLike) && info.type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return true;
    if (part.getProperties().length === 0 && indexInfos.length === 0) return true;
    return part.getSymbol()?.getName() === 'Object';
  });
}

/**
 * Why an object type with a `then` is not a thenable: 'value' when `then` is not callable at all
 * (`then: number`), 'method' when it is callable but no signature takes a callback first
 * (`then(): void`, `then(x: number)`); undefined when some part's `then` is a promise's (or loose:
 * its first parameter is any, unknown or Function), or no part has a `then`.
 */
function improperThen(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): 'value' | 'method' | undefined {
  let verdict: 'value' | 'method' | undefined;
  for (const part of type.isUnion() || type.isIntersection() ? type.types : [type]) {
    const then = part.flags & ts.TypeFlags.Object ? part.getProperty('then') : undefined;
    if (!then) continue;
    const thenType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(then, node));
    if (thenType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
    const signatures = thenType.getCallSignatures();
    if (signatures.length === 0) {
      verdict ??= 'value';
      continue;
    }
    const takesCallback = signatures.some((signature) => {
      const first = signature.parameters[0];
      if (!first) return false;
      const firstType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(first, node));
      if (firstType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return true;
      const parts = firstType.isUnion() ? firstType.types : [firstType];
      return parts.some((candidate) => candidate.getCallSignatures().length > 0 || candidate.getSymbol()?.getName() === 'Function');
    });
    if (takesCallback) return undefined;
    verdict = 'method';
  }
  return verdict;
}

/**
 * `T` (or `T[K]`) whose constraint is known not to be a promise (`T extends number`): the value
 * is never one. Unconstrained parameters (constraint unknown) and `T extends object` stay silent.
 */
function nonThenableConstraint(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): ts.Type | undefined {
  if (!(type.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess))) return undefined;
  const constraint = checker.getBaseConstraintOfType(type);
  if (!constraint || constraint.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return undefined;
  if (constraint.isUnion() && constraint.types.some((part) => part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void))) return undefined;
  if (!isKnownNonThenable(checker, constraint, node) || mayHoldPromise(checker, constraint, node)) return undefined;
  return constraint;
}

/**
 * `await using a = x, b = y`: each declarator whose value has `[Symbol.dispose]` and, in no part of
 * its type, `[Symbol.asyncDispose]` (typescript-eslint's await-thenable). A null/undefined literal
 * is info (a tick only); any is left alone; a value with neither method is a type error already.
 */
function checkAwaitUsing(list: ts.VariableDeclarationList, context: RuleContext): void {
  if ((list.flags & ts.NodeFlags.AwaitUsing) !== ts.NodeFlags.AwaitUsing) return;
  const { checker } = context;
  for (const declaration of list.declarations) {
    const initializer = declaration.initializer;
    if (!initializer) continue;
    if (isNullishLiteral(skipParenthesesDown(initializer))) {
      context.report({ node: initializer, messageId: 'awaitUsingNullish', data: { text: initializer.getText(context.sourceFile) }, severityCap: 'info' });
      continue;
    }
    const type = checker.getTypeAtLocation(initializer);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) continue;
    const parts = (type.isUnion() ? type.types : [type]).filter((part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    if (parts.length === 0 || parts.some((part) => part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter))) continue;
    const has = (name: string) => parts.some((part) => !!wellKnownSymbolProperty(checker.getApparentType(part), name));
    if (has('asyncDispose') || !has('dispose')) continue;
    const awaitKeyword = list.getFirstToken(context.sourceFile);
    const single = list.declarations.length === 1 && awaitKeyword?.kind === ts.SyntaxKind.AwaitKeyword;
    context.report({
      node: initializer,
      messageId: 'awaitUsingSync',
      data: { type: checker.typeToString(type, initializer) },
      fixes: single ? [{ title: "Use 'using' (no await)", kind: 'suggestion', preferred: true, edits: [removeForAwaitEdit(awaitKeyword as ts.AwaitKeyword)] }] : [],
    });
  }
}

const AGGREGATORS = new Set(['all', 'allSettled', 'race', 'any']);

/**
 * `Promise.all([p, 1, load])` (and allSettled, race, any, on the global Promise): as
 * typescript-eslint's await-thenable, each element of an array literal whose type is not a
 * promise (not any/unknown, nor a type that may hold one) is reported; a plain value only passes
 * through, so it is `info`; an uncalled promise-returning function or a nested array of promises
 * is a promise not waited for, so it keeps the rule's severity. A non-literal argument is reported
 * when none of its items can be a promise (`Promise.all(numbers)`).
 */
function checkAggregator(call: ts.CallExpression, context: RuleContext): void {
  const callee = skipParenthesesDown(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !AGGREGATORS.has(callee.name.text)) return;
  const argument = call.arguments[0];
  if (!argument || call.arguments.length !== 1) return;
  const { checker } = context;
  const constructorType = checker.getTypeAtLocation(callee.expression);
  if (constructorType.getSymbol()?.getName() !== 'PromiseConstructor') return;
  const method = `Promise.${callee.name.text}`;
  const list = skipParenthesesDown(argument);
  if (ts.isArrayLiteralExpression(list)) {
    for (const element of list.elements) {
      if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) continue;
      const type = checker.getTypeAtLocation(element);
      if (!isKnownNonThenable(checker, type, element) || mayHoldPromise(checker, type, element)) continue;
      // As for `await`: a JS `void` inferred from elsewhere, or from a member the module swaps out, is too far to trust.
      const inner = skipParenthesesDown(element);
      if (typeFromPatchedJsMember(checker, inner, 0)) continue;
      if (!ts.isCallExpression(inner) && type.flags & ts.TypeFlags.Void && isJavaScriptFile(context.sourceFile)) continue;
      const promiseSignatures = checker
        .getNonNullableType(type)
        .getCallSignatures()
        .filter((signature) => isThenableType(checker, checker.getReturnTypeOfSignature(signature), element));
      if (promiseSignatures.length > 0) {
        context.report({ node: element, messageId: 'aggregatorUncalledFunction', data: { name: shortText(element), method } });
      } else if (context.analysis.isArrayOfThenables(element)) {
        context.report({ node: element, messageId: 'aggregatorNestedArray', data: { method } });
      } else {
        context.report({ node: element, messageId: 'aggregatorElement', data: { type: checker.typeToString(type, element), method }, severityCap: 'info' });
      }
    }
    return;
  }
  const type = checker.getTypeAtLocation(argument);
  if (!checker.isArrayType(type) && !checker.isTupleType(type)) return;
  const items = checker.getTypeArguments(type as ts.TypeReference);
  if (items.length === 0) return;
  // `Promise.all(tasks)` with `tasks: (() => Promise<T>)[]`: the functions are never called, the
  // work never runs and nothing is waited for (a real bug: warning).
  const returnsPromise = (part: ts.Type): boolean =>
    !part.getProperty('then') &&
    part.getCallSignatures().length > 0 &&
    part.getCallSignatures().every((signature) => isThenableType(checker, checker.getReturnTypeOfSignature(signature), argument));
  const partsOf = (item: ts.Type): ts.Type[] => (item.isUnion() ? item.types : [item]);
  if (items.some((item) => partsOf(item).some(returnsPromise))) {
    const allCallable =
      checker.isArrayType(type) &&
      items.every((item) =>
        partsOf(item).every((part) => returnsPromise(part) && part.getCallSignatures().some((signature) => signature.getParameters().every(isOptionalParameter))),
      );
    const argumentText = argument.getText(context.sourceFile);
    const simple = /^[\w$.]+$/.test(argumentText);
    context.report({
      node: argument,
      messageId: 'aggregatorFunctionItems',
      data: { type: checker.typeToString(type, argument), method, argument: shortText(argument) },
      fixes:
        allCallable && simple
          ? [{ title: 'Call each function', kind: 'suggestion', preferred: true, edits: [replaceNode(argument, `${argumentText}.map((task) => task())`)] }]
          : [],
    });
    return;
  }
  const plain = (item: ts.Type): boolean => isKnownNonThenable(checker, item, argument) && !mayHoldPromise(checker, item, argument) && item.getCallSignatures().length === 0;
  if (items.every(plain)) {
    context.report({ node: argument, messageId: 'aggregatorInput', data: { type: checker.typeToString(type, argument), method }, severityCap: 'info' });
    return;
  }
  // A tuple, like an array literal: each element that is a plain value passes through (info).
  if (checker.isTupleType(type)) {
    const index = items.findIndex(plain);
    if (index >= 0) {
      context.report({
        node: argument,
        messageId: 'aggregatorTupleElement',
        data: { type: checker.typeToString(type, argument), method, index: String(index), item: checker.typeToString(items[index], argument) },
        severityCap: 'info',
      });
    }
  }
}

/**
 * `await fetchUser` -> `await fetchUser()`: only for a plain reference whose promise-returning
 * signature takes no required argument, and when the awaited result fits where the value goes.
 */
function callFix(
  node: ts.AwaitExpression,
  inner: ts.Expression,
  type: ts.Type,
  signatures: readonly ts.Signature[],
  context: RuleContext,
): Fix | undefined {
  const { checker } = context;
  if (!ts.isIdentifier(inner) && !ts.isPropertyAccessExpression(inner) && !ts.isElementAccessExpression(inner)) return undefined;
  if (type.getCallSignatures().length === 0) return undefined; // possibly undefined: calling it could throw
  const callable = signatures.find((signature) => signature.getParameters().every((parameter) => isOptionalParameter(parameter)));
  if (!callable) return undefined;
  const contextual = checker.getContextualType(node);
  if (contextual && !(contextual.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) {
    const awaited = checker.getAwaitedType(checker.getReturnTypeOfSignature(callable));
    if (!awaited || !checker.isTypeAssignableTo(awaited, contextual)) return undefined;
  }
  const name = shortText(inner);
  return {
    title: `Call '${name}()' and await it`,
    kind: 'suggestion',
    preferred: true,
    edits: [insertAt(context.sourceFile, inner.getEnd(), '()')],
  };
}

function isOptionalParameter(parameter: ts.Symbol): boolean {
  const declaration = parameter.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration)) return false;
  return !!(declaration.questionToken || declaration.initializer || declaration.dotDotDotToken);
}
