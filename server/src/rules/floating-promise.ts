// floating-promise: promises nobody awaits, returns, voids or handles. What it reports and why: the `docs` field below.
import { ts } from '../engine/compiler';
import { someChildGuardedOrNot } from '../engine/analysis/tryGuards';
import { resolveAlias } from '../engine/analysis/aliases';
import { isArrayOfFloatablePromises, isAsyncFunction, isFloatablePromiseType, isFunctionLike, noSignatureReturns, skipParenthesesDown, skipParenthesesUp } from '../engine/analysis';
import {
  awaitContext,
  callName,
  hasCatchMethod,
  isTestFrameworkCall,
  isThenableOrNullish,
  reportNodeFor,
} from '../engine/analysis/promiseUsage';
import { UnhandledExit, isVariableWrite, unhandledExits } from '../engine/analysis/storedPromises';
import { asyncTestCall, isTestFile } from '../engine/analysis/testFrameworks';
import { calledDeclaration, ownReturnStatements, referencedFunction, unguardedRejectionPoints } from '../engine/analysis/callbacks';
import { isNullishLiteral, type FunctionLike } from '../engine/analysis/functions';
import { isRejectionHandler } from '../engine/analysis/handledChains';
import { isAssignmentOperator, isLogicalOperator } from '../engine/analysis/operators';
import type { Fix, TextEdit } from '../engine/findings';
import { addAwaitEdits, insertStatementAfter, logErrorHandlerText, needsOperandParentheses, receiverText, replaceNode } from '../engine/fixes';
import { RuleContext, defineRule, relatedLocation } from '../engine/rule';

type MessageId = 'floatingCall' | 'floatingValue' | 'floatingArray' | 'storedUnhandled' | 'unorderedCall' | 'unorderedValue' | 'storedUnordered' | 'sharedCall' | 'removedFromArray';

const CONSEQUENCE = 'a rejection will crash the process as an unhandled rejection.';
const UNORDERED = 'its work runs unordered with the code after it (a timing bug, not a crash).';

export default defineRule({
  id: 'floating-promise',
  concept: 'tasks-and-futures',
  defaultSeverity: 'warning',
  description:
    'A promise that is neither awaited, returned, voided nor given a rejection handler: its rejection becomes an unhandled rejection (info when it cannot reject: its work runs unordered). Native Promises only, unless `checkThenables` is on.',
  docs: {
    what:
      "A promise-valued expression statement that nobody awaits, returns, voids or gives a rejection handler, in any code, not only async functions. A rejection handler must be callable: `.catch(undefined)`, `.catch(null)`, `.then(f, 42)` handle nothing. By default only native Promises (the default library's `Promise`, its subclasses, type parameters constrained to them); with `checkThenables` any thenable (`PromiseLike`, VS Code's `Thenable`, a builder with its own `then`).\n\n" +
      "Stored promises (`const p = fetchUser(id);`) are followed through the rest of their scope (`analysis/storedPromises.ts`): reported on the variable's name when some path leaves the scope without awaiting, returning or otherwise handing the promise on. A branch where a test proved it holds no promise (`if (r instanceof Promise) promises.push(r)`: the false branch) has nothing to hand on.\n\n" +
      'Where the squiggle goes: for a call (or `new`) the callee (`saveUser` in `saveUser(u);`, `fetch(url).then` in `fetch(url).then(parse);`); for any other shape (`cond && save()`, `a ? p : q`, `[p1, p2]`, a bare `p`) the whole expression. Comma expressions are split: each discarded operand is judged (and reported) on its own.',
    why:
      'A rejected floating promise is an unhandled rejection, which crashes Node (>= 15) by default. Even when it cannot reject, the code after it runs before its work is done.',
    notReported: [
      'Calls and types listed in `safePromises` (`logEvent`, `analytics.track`, `Thenable`): their promises may be left unawaited.',
      "A method declared to return `this`: the promise is the receiver's, nothing new is dropped.",
      'A call inside the methods of a class with its own `then` whose value is that class (the builder handing itself around).',
      "A call that returns its argument: `Object.assign/defineProperties/freeze(promise, ...)`, a project helper whose every return is the same parameter, such as `asCallback(promise, cb)` (handled when that helper gives the parameter a rejection handler, else the argument is judged as if it stood alone), a function known only by its declaration that returns its promise parameter's type, called with a callback.",
      'A method that returns the promise it keeps in a field that another use in the class awaits (info when none does: the analysis cannot tell whether callers elsewhere await it).',
      '`super(...)` in a class extending Promise.',
      "A dual callback/promise API called with its callback, judged on the declaration the call resolves to (so `list?.map(f)` is not mistaken for one), and only where that declaration really takes a callback there: named like one or typed `(error, ...) => void`, in JS also used as a function. Mongoose's `exec(op)` no longer takes one and rejects.",
      'A plain variable read on the left of `&&`/`||`/`??`: a guard.',
      'In test files, a statement that `async-test-assertion` reports (`expect(p).rejects.toThrow();`, `assert.rejects(...)`, `t.test(...)` not awaited): one mistake, one finding. When `async-test-assertion` is turned off, this rule reports it.',
    ],
    severity:
      'Severity carries the risk ("report a risk, not a shape"). A dropped promise that cannot reject is info: its work runs unordered, a timing bug, not a crash. That is a call to a project async function whose awaits, throws and failing calls all sit in a try/catch; `Promise.allSettled(...)`; `.then`/`.finally` after it or after a `.catch(handler)` whose callbacks throw nothing; `new Promise(executor)` whose executor never uses `reject` nor throws; `Promise.resolve()` of a plain value, and a variable that only ever holds such promises (a resolved promise as a microtask queue: `resolved.then(() => cb())`). Promises taken out of a held array (`queue.splice(i, 1)`, `.shift()`, `.pop()` as a statement) are not new; whether anything else holds them cannot be told, so info.',
    reference:
      'typescript-eslint `no-floating-promises`: native Promises by default, any thenable with `checkThenables`, as here. It reports the cannot-reject cases above as errors, and declines stored promises (`const p = f()` left unawaited on a path), whose rejection crashes the process just the same: this rule reports them.',
    examples: [
      {
        invalid: `declare function saveUser(id: string): Promise<void>;

export function onClick(id: string): void {
  saveUser(id);
}
`,
        valid: `declare function saveUser(id: string): Promise<void>;

export function onClick(id: string): void {
  saveUser(id).catch((error) => console.error(error));
}
`,
      },
      {
        invalid: `declare function fetchUser(id: string): Promise<string>;

export async function greet(id: string, quiet: boolean): Promise<string> {
  const user = fetchUser(id);
  if (quiet) return '';
  return 'Hello ' + (await user);
}
`,
        valid: `declare function fetchUser(id: string): Promise<string>;

export async function greet(id: string, quiet: boolean): Promise<string> {
  if (quiet) return '';
  const user = fetchUser(id);
  return 'Hello ' + (await user);
}
`,
      },
    ],
  },
  messages: {
    floatingCall: `Promise returned by '{name}' is neither awaited, returned nor handled; ${CONSEQUENCE}`,
    floatingValue: `Promise '{name}' is neither awaited, returned nor handled; ${CONSEQUENCE}`,
    floatingArray: `Promises in '{name}' are neither awaited (with Promise.all), returned nor handled; ${CONSEQUENCE}`,
    storedUnhandled: `Promise stored in '{name}' is not awaited, returned or handled on every path (e.g. {path}); ${CONSEQUENCE}`,
    unorderedCall: `Promise returned by '{name}' is neither awaited nor returned; it cannot reject ({reason}), but ${UNORDERED}`,
    unorderedValue: `Promise '{name}' is neither awaited nor returned; it cannot reject ({reason}), but ${UNORDERED}`,
    sharedCall: `Promise returned by '{name}' is not awaited here; it is the one kept in 'this.{field}', which may be awaited elsewhere, but no other use in the class awaits or handles it: if it rejects, the process crashes with an unhandled rejection.`,
    storedUnordered: `Promise stored in '{name}' is not awaited or returned on every path (e.g. {path}); it cannot reject ({reason}), but ${UNORDERED}`,
    removedFromArray: `'{name}' takes promises out of '{array}' and drops them: they are not new, but whatever awaits '{array}' no longer sees them, so if one rejects and nothing else holds it, the rejection is unhandled.`,
  } satisfies Record<MessageId, string>,
  fixAllSafe: 'none: adding await or a .catch handler changes timing or error flow, and void only records an intent; each is applied by hand.',
  summary:
    'a native promise nobody awaits, returns, voids or handles (useless handlers such as `.catch(undefined)` do not count), and `const p = f()` dropped on some path (flow-sensitive); info when it cannot reject, silent when it is handed on elsewhere; other thenables with `checkThenables`; in test files, unawaited assertions are left to `async-test-assertion`',
  concepts: {
    'tasks-and-futures':
      'a promise that is created and then dropped without `await`, `return`, `.catch` or an explicit `void`.',
    'error-handling':
      'the most common source of unhandled rejections, a promise that nobody awaits or handles.',
  },
  background: {
    coroutines: 'an async call whose promise nobody awaits, returns or handles.',
    'event-loop': 'work left running on the loop with nobody watching.',
  },
  options: {
    safePromises: {
      schema: { type: 'array', items: { type: 'string' } },
      default: [],
      markdown: true,
      description:
        'Calls and types whose promises may be left unawaited without a report: a function or method name (`logEvent`, `analytics.track`) or a type name (`Thenable`).',
      summary: 'calls (`logEvent`, `analytics.track`) or types (`Thenable`) whose promises may be left unawaited',
      expected: 'an array of call or type names',
    },
    checkThenables: {
      schema: { type: 'boolean' },
      default: false,
      markdown: true,
      description:
        "`floating-promise` also reports dropped thenables that are not native Promises (`PromiseLike`, VS Code's `Thenable`, query builders with their own `then`), as typescript-eslint's `checkThenables` does. Off by default: only native `Promise` values (and subclasses) are reported.",
      summary:
        "`floating-promise` also reports thenables that are not native Promises (`PromiseLike`, `Thenable`, builders with their own `then`), as typescript-eslint's `checkThenables`",
    },
  },
  create(context) {
    const defersToTestRule = context.settings.rules['async-test-assertion'] !== 'off' && isTestFile(context.sourceFile, context.checker);
    return {
      [ts.SyntaxKind.ExpressionStatement]: (statement: ts.ExpressionStatement) => {
        if (defersToTestRule && asyncTestCall(skipParenthesesDown(statement.expression), context.checker, context.analysis.apis)) return;
        for (const part of discardedParts(statement.expression)) {
          if (!isFloating(part, context)) continue;
          const isArray = isPromiseArray(part, context);
          const inner = skipParenthesesDown(part);
          const isCall = ts.isCallExpression(inner) || ts.isNewExpression(inner);
          const reason = cannotRejectReason(part, context);
          // Where the analysis cannot tell (a promise the callee also keeps in a field, promises
          // taken out of an array): info, saying what could go wrong.
          const shared = reason === undefined && ts.isCallExpression(inner) ? sharedStoredPromise(inner, context) : undefined;
          const removedFrom = reason === undefined && !shared && ts.isCallExpression(inner) ? arrayRemovedFrom(inner, context) : undefined;
          const messageId: MessageId =
            reason !== undefined
              ? isCall
                ? 'unorderedCall'
                : 'unorderedValue'
              : shared
                ? 'sharedCall'
                : removedFrom
                  ? 'removedFromArray'
                  : isArray
                    ? 'floatingArray'
                    : isCall
                      ? 'floatingCall'
                      : 'floatingValue';
          context.report({
            node: reportNodeFor(part),
            messageId,
            data: { name: callName(part, context.sourceFile), reason: reason ?? '', field: shared?.field ?? '', array: removedFrom ?? '' },
            fixes: fixesFor(statement, part, isArray, context),
            severityCap: reason !== undefined || shared || removedFrom ? 'info' : undefined,
          });
        }
      },
      [ts.SyntaxKind.VariableStatement]: (statement: ts.VariableStatement) => {
        for (const declaration of statement.declarationList.declarations) checkStoredPromise(declaration, context);
      },
    };
  },
});

/** `const p = fetchUser(id);` with some path to the end of p's scope that never hands p on. */
function checkStoredPromise(declaration: ts.VariableDeclaration, context: RuleContext): void {
  const initializer = declaration.initializer;
  if (!initializer || !ts.isIdentifier(declaration.name) || !createsPromise(initializer, context.checker)) return;
  if (!isFloating(initializer, context)) return;
  const type = context.checker.getTypeAtLocation(declaration.name);
  if (declaration.type && !isPromiseType(context, type, declaration.name)) return;
  const result = unhandledExits(declaration, context.checker);
  if (!result || result.exits.length === 0) return;
  // A value-or-promise that the code goes on to use (`const valid = validate(x); if (!valid) ...`)
  // is treated as its value there: a missing await at most, not a promise dropped.
  if (result.references.length > 0 && holdsValueOrPromise(context, type, declaration.name)) return;
  const sourceFile = context.sourceFile;
  const [first] = result.exits;
  const reason = cannotRejectReason(initializer, context);
  context.report({
    node: declaration.name,
    messageId: reason !== undefined ? 'storedUnordered' : 'storedUnhandled',
    data: { name: declaration.name.text, path: describeExit(first, sourceFile), reason: reason ?? '' },
    severityCap: reason !== undefined ? 'info' : undefined,
    related: result.exits.slice(0, 5).map((exit) => relatedLocation(exit.node, `'${(declaration.name as ts.Identifier).text}' is still unhandled ${describeExit(exit, sourceFile)}`)),
    fixes: storedFixes(declaration, initializer, result.references, context),
  });
}

/**
 * Initialisers that make a new promise (a call, `new`, or a choice between them), not ones that
 * read one from elsewhere: `requests.get(key)` on a Map or `pending.find(...)` on an array returns
 * a promise the collection still holds (found in msal-browser's request deduplication).
 */
function createsPromise(initializer: ts.Expression, checker: ts.TypeChecker): boolean {
  const e = skipParenthesesDown(initializer);
  if (ts.isCallExpression(e)) return !readsFromCollection(e, checker);
  if (ts.isNewExpression(e)) return true;
  if (ts.isConditionalExpression(e)) return createsPromise(e.whenTrue, checker) || createsPromise(e.whenFalse, checker);
  if (ts.isBinaryExpression(e) && isLogicalOperator(e.operatorToken.kind)) return createsPromise(e.left, checker) || createsPromise(e.right, checker);
  return false;
}

const COLLECTION_READS = new Set(['get', 'find', 'findLast', 'at']);
const COLLECTION_TYPES = new Set(['Map', 'ReadonlyMap', 'WeakMap', 'Array', 'ReadonlyArray']);

/** `map.get(key)`, `list.find(...)`, `list.at(-1)`: a standard-library read that hands back what the collection holds. */
function readsFromCollection(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const callee = skipParenthesesDown(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !COLLECTION_READS.has(callee.name.text)) return false;
  const declarations = checker.getSymbolAtLocation(callee.name)?.declarations ?? [];
  return (
    declarations.length > 0 &&
    declarations.every((declaration) => {
      const owner = declaration.parent;
      return declaration.getSourceFile().isDeclarationFile && ts.isInterfaceDeclaration(owner) && COLLECTION_TYPES.has(owner.name.text);
    })
  );
}

/** An identifier, `this`, or a chain of property/element reads: evaluating it makes nothing new. */
function isPlainRead(expression: ts.Expression): boolean {
  const e = skipParenthesesDown(expression);
  if (ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isPropertyAccessExpression(e)) return isPlainRead(e.expression);
  if (ts.isElementAccessExpression(e)) return isPlainRead(e.expression);
  return false;
}

/** `boolean | Promise<unknown>` (ajv's validate functions): a value or a promise, not only a promise or nothing. */
function holdsValueOrPromise(context: RuleContext, type: ts.Type, node: ts.Node): boolean {
  if (!type.isUnion()) return false;
  const NOTHING = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void | ts.TypeFlags.Never | ts.TypeFlags.Any | ts.TypeFlags.Unknown;
  return type.types.some((part) => !(part.flags & NOTHING) && !isPromiseType(context, part, node));
}

/** A promise in this rule's sense: a native Promise, or any thenable with settings.checkThenables. */
function isPromiseType(context: RuleContext, type: ts.Type, node: ts.Node): boolean {
  return isFloatablePromiseType(context.program, context.checker, type, node, context.settings.checkThenables);
}

function isPromiseArray(expression: ts.Expression, context: RuleContext): boolean {
  return isArrayOfFloatablePromises(context.program, context.checker, context.checker.getTypeAtLocation(expression), expression, context.settings.checkThenables);
}

function describeExit(exit: UnhandledExit, sourceFile: ts.SourceFile): string {
  const line = sourceFile.getLineAndCharacterOfPosition(exit.node.getStart(sourceFile)).line + 1;
  switch (exit.kind) {
    case 'return':
      return `when the function returns at line ${line}`;
    case 'throw':
      return `when it throws at line ${line}`;
    case 'break':
      return `when it breaks out at line ${line}`;
    case 'continue':
      return `when the loop continues at line ${line}`;
    case 'end':
      return exit.scope === 'function' ? `when the function ends at line ${line}` : exit.scope === 'module' ? `when the module ends at line ${line}` : `when the block ends at line ${line}`;
  }
}

/**
 * Add await at the declaration (preferred; async functions only, when every later use is
 * `await p`, rewritten to `p`, so the variable can hold the value); add a `.catch` handler (on the
 * initialiser when the variable is not used again, else as a statement right after it, so later
 * uses still see the original promise and its type).
 */
function storedFixes(declaration: ts.VariableDeclaration, initializer: ts.Expression, references: ts.Identifier[], context: RuleContext): Fix[] {
  const fixes: Fix[] = [];
  const sourceFile = context.sourceFile;
  const name = (declaration.name as ts.Identifier).text;
  const where = awaitContext(declaration);
  const awaited = references.map((reference) => skipParenthesesUp(reference).parent);
  if (where?.async && !declaration.type && awaited.every((parent) => ts.isAwaitExpression(parent))) {
    fixes.push({
      title: 'Add await',
      kind: 'suggestion',
      preferred: true,
      edits: [...addAwaitEdits(initializer), ...awaited.map((parent) => replaceNode(parent, name))],
    });
  }
  const handler = logErrorHandlerText(sourceFile);
  if (references.length === 0) {
    const edits = catchHandlerEdits(initializer, handler, context);
    if (edits) fixes.push({ title: 'Add .catch handler', kind: 'suggestion', edits });
  } else {
    const type = context.checker.getTypeAtLocation(declaration.name);
    const statement = declaration.parent.parent;
    const shape = isThenableOrNullish(context.checker, type, declaration.name);
    if (shape.thenable && hasCatchMethod(context.checker, type, declaration.name) && ts.isVariableStatement(statement)) {
      const text = `${name}${shape.nullish ? '?.' : '.'}catch(${handler});`;
      fixes.push({ title: 'Add .catch handler', kind: 'suggestion', edits: [insertStatementAfter(statement, text)] });
    }
  }
  return fixes;
}

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
  const { program, checker, settings } = context;
  const promiseLike = (type: ts.Type) => isFloatablePromiseType(program, checker, type, expression, settings.checkThenables) || isArrayOfFloatablePromises(program, checker, type, expression, settings.checkThenables);
  if (ts.isCallExpression(inner) && noSignatureReturns(checker, inner, promiseLike)) return false;
  const signature = ts.isCallExpression(inner) || ts.isNewExpression(inner) ? checker.getResolvedSignature(inner) : undefined;
  const type = signature && ts.isCallExpression(inner) ? checker.getReturnTypeOfSignature(signature) : checker.getTypeAtLocation(expression);
  return promiseLike(type);
}

/** Is the value of this discarded expression a promise that nobody handles? */
function isFloating(expression: ts.Expression, context: RuleContext): boolean {
  const e = skipParenthesesDown(expression);
  // `value as Promise<T>`: the assertion makes the statement's value a promise (typescript-eslint reports it).
  if (e !== expression && !ts.isCallExpression(e) && !ts.isNewExpression(e) && assertsPromise(expression, context) && !isPromiseValued(e, context)) {
    return !isSafePromise(expression, context);
  }
  if (ts.isVoidExpression(e) || ts.isAwaitExpression(e)) return false;
  if (ts.isBinaryExpression(e)) {
    const operator = e.operatorToken.kind;
    if (isAssignmentOperator(operator)) return false; // stored, not dropped
    if (operator === ts.SyntaxKind.CommaToken) return isFloating(e.left, context) || isFloating(e.right, context);
    if (isLogicalOperator(operator)) {
      // `flushes && subscribe(flushes)`: a variable or property read on the left is a guard, and
      // the promise it may hold is kept where it is read from (found in rxjs). A call there makes one.
      return (!isPlainRead(e.left) && isFloating(e.left, context)) || isFloating(e.right, context);
    }
  }
  if (ts.isConditionalExpression(e)) return isFloating(e.whenTrue, context) || isFloating(e.whenFalse, context);
  if (ts.isArrayLiteralExpression(e)) {
    return e.elements.some((element) => (ts.isSpreadElement(element) ? isPromiseArray(element.expression, context) : isFloating(element, context)));
  }
  if (ts.isCallExpression(e)) {
    // `super(executor)` in a class extending Promise builds `this`; nothing new is dropped.
    if (e.expression.kind === ts.SyntaxKind.SuperKeyword) return false;
    if (!isPromiseValued(e, context)) return false;
    if (returnsItsReceiver(e, context) || isOwnThenableInsideItsClass(e, context)) return false;
    const argument = returnedArgument(e, context);
    if (argument) {
      // `Object.defineProperties(promise, ...)`, `asCallback(promise, cb)`: the promise is the
      // argument's, not a new one. Handled inside (`asCallback` attaches handlers) or held by a
      // variable, it is not dropped here; a fresh promise passed in is judged as if it stood alone.
      if (argument.handled || isPlainRead(argument.expression)) return false;
      return isFloating(argument.expression, context);
    }
    if (choosesCallbackVariant(e, context)) return false;
    // `this.ready` handed out by `init()` and awaited by another method: the same promise is handled there.
    if (sharedStoredPromise(e, context)?.handedOn) return false;
    if (isTestFrameworkCall(e, context.checker)) return false;
    if (isSafePromise(e, context)) return false;
    const callee = skipParenthesesDown(e.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (method === 'catch' && isRejectionHandler(e.arguments[0], context.checker)) return false;
      if (method === 'then' && isRejectionHandler(e.arguments[1], context.checker)) return false;
      // `.finally` passes the receiver's rejection through: floating unless the receiver is handled.
      if (method === 'finally') return isFloating(callee.expression, context);
    }
    return true;
  }
  if (ts.isNewExpression(e) && !isPromiseValued(e, context)) return false;
  return isPromiseValued(e, context) && !isSafePromise(e, context);
}

/**
 * A call to a project method (not async) whose every `return` hands back the promise it keeps in
 * a field of `this` (`return this.ready`, `return (this.ready ??= start())`,
 * `return this.ready || (this.ready = start())`): a promise shared by every caller. `handedOn`
 * when another use of that field in the class awaits, returns, chains or passes it on.
 */
function sharedStoredPromise(call: ts.CallExpression, context: RuleContext): { field: string; handedOn: boolean } | undefined {
  const declaration = calledDeclaration(context.checker, call);
  if (!declaration || !declaration.body || isAsyncFunction(declaration) || !ts.isClassLike(declaration.parent)) return undefined;
  const returns = declaration.body && ts.isBlock(declaration.body) ? ownReturnStatements(declaration) : [];
  if (returns.length === 0) return undefined;
  let field: string | undefined;
  for (const statement of returns) {
    const name = statement.expression && storedFieldOf(statement.expression);
    if (!name || (field !== undefined && name !== field)) return undefined;
    field = name;
  }
  if (field === undefined) return undefined;
  let handedOn = false;
  const visit = (node: ts.Node): void => {
    if (handedOn || node === declaration) return;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === field && handsOn(node)) {
      handedOn = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(declaration.parent, visit);
  return { field, handedOn };
}

/** `this.x`, `this.x = e`, `this.x ??= e`, `this.x || (this.x = e)`: the field whose promise is returned. */
function storedFieldOf(expression: ts.Expression): string | undefined {
  const e = skipParenthesesDown(expression);
  const fieldOf = (node: ts.Expression): string | undefined => {
    const inner = skipParenthesesDown(node);
    return ts.isPropertyAccessExpression(inner) && inner.expression.kind === ts.SyntaxKind.ThisKeyword ? inner.name.text : undefined;
  };
  if (ts.isPropertyAccessExpression(e)) return fieldOf(e);
  if (!ts.isBinaryExpression(e)) return undefined;
  const operator = e.operatorToken.kind;
  if (isAssignmentOperator(operator)) return fieldOf(e.left);
  if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
    const left = fieldOf(e.left);
    return left !== undefined && storedFieldOf(e.right) === left ? left : undefined;
  }
  return undefined;
}

/** Is this read of the field awaited, returned, chained (`.then/.catch/.finally`) or passed to a call? */
function handsOn(read: ts.PropertyAccessExpression): boolean {
  const outer = skipParenthesesUp(read);
  const parent = outer.parent;
  if (ts.isAwaitExpression(parent) || ts.isReturnStatement(parent) || ts.isYieldExpression(parent)) return true;
  if (ts.isArrowFunction(parent) && parent.body === outer) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === outer && ['then', 'catch', 'finally'].includes(parent.name.text)) return true;
  if (ts.isCallExpression(parent) && parent.arguments.includes(outer as ts.Expression)) return true;
  if (ts.isArrayLiteralExpression(parent)) return true; // `Promise.all([this.ready, ...])`
  return false;
}

const ARRAY_REMOVALS = new Set(['splice', 'shift', 'pop']);

/**
 * `queue.splice(i, 1)`, `pending.shift()`, `pending.pop()` on an array of promises, as a
 * statement: the removed promises are not new ones (typeorm's QueryLock takes its own promise out
 * of the lock queue), but they are no longer awaited through the array. The array's text, or
 * undefined for other calls and arrays made on the spot. typescript-eslint reports these.
 */
function arrayRemovedFrom(call: ts.CallExpression, context: RuleContext): string | undefined {
  const callee = skipParenthesesDown(call.expression);
  // From an array held somewhere (`this.queue`, `pending`); `[save()].pop()` drops a new promise.
  if (!ts.isPropertyAccessExpression(callee) || !ARRAY_REMOVALS.has(callee.name.text) || !isPlainRead(callee.expression)) return undefined;
  const declarations = context.checker.getSymbolAtLocation(callee.name)?.declarations ?? [];
  const standard =
    declarations.length > 0 &&
    declarations.every((declaration) => context.program.isSourceFileDefaultLibrary(declaration.getSourceFile()) && ts.isInterfaceDeclaration(declaration.parent) && declaration.parent.name.text === 'Array');
  return standard ? callee.expression.getText(context.sourceFile) : undefined;
}

/** `x as Promise<T>`, `<Promise<T>>x`: the asserted type is a promise. */
function assertsPromise(expression: ts.Expression, context: RuleContext): boolean {
  let e: ts.Expression = expression;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (!ts.isAsExpression(e) && !ts.isTypeAssertionExpression(e)) return false;
  return isPromiseValued(e, context);
}

/**
 * Why this floating promise cannot reject, or undefined when it can. A dropped promise that
 * cannot reject is still reported, as info: its work runs unordered. For `a ? p : q`, `x && p`
 * and arrays: only when every promise in it cannot reject.
 */
function cannotRejectReason(expression: ts.Expression, context: RuleContext, depth = 0): string | undefined {
  const e = skipParenthesesDown(expression);
  if (depth > 8) return undefined;
  const operands: ts.Expression[] = [];
  if (ts.isBinaryExpression(e) && (isLogicalOperator(e.operatorToken.kind) || e.operatorToken.kind === ts.SyntaxKind.CommaToken)) operands.push(e.left, e.right);
  else if (ts.isConditionalExpression(e)) operands.push(e.whenTrue, e.whenFalse);
  else if (ts.isArrayLiteralExpression(e)) {
    if (e.elements.some(ts.isSpreadElement)) return undefined;
    operands.push(...e.elements);
  }
  if (operands.length > 0) {
    const reasons = operands.filter((operand) => isFloating(operand, context)).map((operand) => cannotRejectReason(operand, context, depth + 1));
    return reasons.length > 0 && reasons.every((reason) => reason !== undefined) ? reasons[0] : undefined;
  }
  if (ts.isCallExpression(e)) {
    const argument = returnedArgument(e, context);
    if (argument) return cannotRejectReason(argument.expression, context, depth + 1);
  }
  return neverRejects(e, context, depth);
}

/** The reason a promise expression never rejects, or undefined. */
function neverRejects(expression: ts.Expression, context: RuleContext, depth: number): string | undefined {
  const e = skipParenthesesDown(expression);
  if (depth > 8) return undefined;
  if (ts.isNewExpression(e)) return executorCannotReject(e, context);
  if (ts.isIdentifier(e)) return variableNeverRejects(e, context, depth);
  if (!ts.isCallExpression(e)) return undefined;
  if (cannotReject(e, context)) return `'${callName(e, context.sourceFile)}' catches its own failures`;
  const callee = skipParenthesesDown(e.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (method === 'allSettled' && isGlobalPromise(callee.expression, context)) return 'Promise.allSettled never rejects';
  if (method === 'resolve' && isGlobalPromise(callee.expression, context) && resolvesPlainValue(e, context)) return 'Promise.resolve() of a plain value never rejects';
  const [first, second] = e.arguments;
  if (method === 'catch' && isRejectionHandler(first, context.checker)) return callbackCannotThrow(first, context, true) ? 'its .catch handler does not rethrow' : undefined;
  if (method === 'then' && isRejectionHandler(second, context.checker)) {
    return (!first || isNullishLiteral(skipParenthesesDown(first)) || callbackCannotThrow(first, context, false)) && callbackCannotThrow(second, context, true)
      ? 'its rejection handler does not rethrow'
      : undefined;
  }
  if (method === 'then' || method === 'finally') {
    const receiver = neverRejects(callee.expression, context, depth + 1);
    if (receiver === undefined) return undefined;
    return !first || isNullishLiteral(skipParenthesesDown(first)) || callbackCannotThrow(first, context, false) ? receiver : undefined;
  }
  return undefined;
}

/**
 * `Promise.resolve()` or `Promise.resolve(value)` where the value's type is no thenable (and not
 * `any`): it fulfils. Used as a microtask queue (`resolved.then(() => cb())`, rxjs's Immediate),
 * only a synchronous throw of the callback can reject the chain, as `queueMicrotask(cb)` would throw.
 */
function resolvesPlainValue(call: ts.CallExpression, context: RuleContext): boolean {
  if (call.arguments.length === 0) return true;
  const [value] = call.arguments;
  if (call.arguments.length > 1 || ts.isSpreadElement(value)) return false;
  const type = context.checker.getTypeAtLocation(value);
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) => !(part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) && !context.checker.getApparentType(part).getProperty('then'));
}

const variableReasons = new WeakMap<ts.Symbol, string | null>();

/**
 * A variable (module or function scope, not a script global) whose every value, from its
 * initialiser and every assignment in its file, is a promise that never rejects:
 * `let resolved; resolved ??= Promise.resolve(); resolved.then(...)`. Undefined when it has no
 * such value, or is written any other way (`++`, destructuring, `for (x of ...)`).
 */
function variableNeverRejects(identifier: ts.Identifier, context: RuleContext, depth: number): string | undefined {
  const checker = context.checker;
  const symbol = checker.getSymbolAtLocation(identifier);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  const sourceFile = declaration.getSourceFile();
  if (sourceFile.isDeclarationFile || (!ts.isExternalModule(sourceFile) && !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.BlockScoped) && isTopLevel(declaration))) return undefined;
  // The answer reads every assignment in the file, in any unit: a unit asking it cannot be cached
  // on its own text (asked before the memo, so every unit that uses the answer says so).
  if (sourceFile === context.sourceFile) context.dependsOnOtherUnits?.();
  const known = variableReasons.get(symbol);
  if (known !== undefined) return known ?? undefined;
  variableReasons.set(symbol, null); // while it is worked out (`p = p.then(f)`): not known to be safe
  const values: ts.Expression[] = declaration.initializer ? [declaration.initializer] : [];
  let other = false;
  const name = declaration.name.text;
  const visit = (node: ts.Node): void => {
    if (other) return;
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && checker.getSymbolAtLocation(node) === symbol) {
      const outer = skipParenthesesUp(node);
      const parent = outer.parent;
      if (ts.isBinaryExpression(parent) && parent.left === outer && isAssignmentOperator(parent.operatorToken.kind)) {
        const operator = parent.operatorToken.kind;
        if (operator === ts.SyntaxKind.EqualsToken || operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken || operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken) values.push(parent.right);
        else other = true;
      } else if (isVariableWrite(node)) {
        other = true;
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  let reason: string | undefined;
  if (!other && values.length > 0) {
    const reasons = values.map((value) => neverRejects(value, context, depth + 1));
    if (reasons.every((each) => each !== undefined)) reason = `'${name}' only holds promises that never reject: ${reasons[0]}`;
  }
  variableReasons.set(symbol, reason ?? null);
  return reason;
}

function isTopLevel(declaration: ts.VariableDeclaration): boolean {
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent);
}

/** `Promise` here is the global one (not a project's own binding). */
function isGlobalPromise(expression: ts.Expression, context: RuleContext): boolean {
  if (!ts.isIdentifier(expression) || expression.text !== 'Promise') return false;
  const declarations = context.checker.getSymbolAtLocation(expression)?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => context.program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

/**
 * A callback that cannot make the chain reject: a function in sight whose body has no `throw`
 * outside a `try` that catches, and (async ones) no unguarded rejection point. A handler passed by
 * name whose body is out of sight is trusted (`.catch(log)`), any other callback is not.
 */
function callbackCannotThrow(callback: ts.Expression, context: RuleContext, trustOpaque: boolean): boolean {
  const inner = skipParenthesesDown(callback);
  const fn = ts.isArrowFunction(inner) || ts.isFunctionExpression(inner) ? inner : referencedFunction(context.checker, inner);
  if (!fn) return trustOpaque;
  if (unguardedRejectionPoints(context.checker, fn).length > 0) return false;
  return !hasUnguardedThrow(fn);
}

function hasUnguardedThrow(fn: FunctionLike): boolean {
  return !!fn.body && someChildGuardedOrNot(fn.body, (node, guarded) => !guarded && ts.isThrowStatement(node));
}

/**
 * `new Promise(executor)` that cannot reject: the executor never uses its `reject` parameter and
 * throws nothing outside a `try` (a delay `new Promise((resolve) => setTimeout(resolve, ms))`).
 */
function executorCannotReject(construction: ts.NewExpression, context: RuleContext): string | undefined {
  if (!isGlobalPromise(skipParenthesesDown(construction.expression), context)) return undefined;
  const executor = construction.arguments?.[0] && skipParenthesesDown(construction.arguments[0]);
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) || isAsyncFunction(executor)) return undefined;
  const reject = executor.parameters[1];
  if (reject && (!ts.isIdentifier(reject.name) || isReferenced(reject.name, executor, context))) return undefined;
  if (executor.parameters.some((parameter) => parameter.dotDotDotToken)) return undefined;
  if (hasUnguardedThrow(executor)) return undefined;
  if (usesArguments(executor)) return undefined;
  return 'its executor never rejects';
}

function isReferenced(name: ts.Identifier, scope: ts.Node, context: RuleContext): boolean {
  const symbol = context.checker.getSymbolAtLocation(name);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && context.checker.getSymbolAtLocation(node) === symbol) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

function usesArguments(fn: FunctionLike): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || (isFunctionLike(node) && !ts.isArrowFunction(node))) return;
    if (ts.isIdentifier(node) && node.text === 'arguments') found = true;
    else ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/** Standard-library functions that return their first argument (the same object, not a new promise). */
const RETURNS_FIRST_ARGUMENT = new Set(['assign', 'defineProperty', 'defineProperties', 'freeze', 'seal', 'preventExtensions', 'setPrototypeOf']);

/**
 * A call that hands back one of its arguments: `Object.assign(promise, extras)` and its kin, or a
 * project function whose every `return` returns the same parameter (`asCallback(promise, cb)`);
 * `handled` when that function gives the parameter a rejection handler (`.then(f, g)`, `.catch(g)`).
 */
function returnedArgument(call: ts.CallExpression, context: RuleContext): { expression: ts.Expression; handled: boolean } | undefined {
  const callee = skipParenthesesDown(call.expression);
  if (ts.isPropertyAccessExpression(callee) && RETURNS_FIRST_ARGUMENT.has(callee.name.text) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object') {
    const declarations = context.checker.getSymbolAtLocation(callee.name)?.declarations ?? [];
    const first = call.arguments[0];
    if (first && !ts.isSpreadElement(first) && declarations.some((declaration) => context.program.isSourceFileDefaultLibrary(declaration.getSourceFile()))) {
      return { expression: first, handled: false };
    }
    return undefined;
  }
  const declaration = calledDeclaration(context.checker, call);
  if (!declaration || !declaration.body) return declaredCallbackAdapter(call, context);
  if (!ts.isBlock(declaration.body) || isAsyncFunction(declaration)) return undefined;
  const returns = ownReturnStatements(declaration);
  if (returns.length === 0) return undefined;
  let index = -1;
  for (const statement of returns) {
    const value = statement.expression && skipParenthesesDown(statement.expression);
    if (!value || !ts.isIdentifier(value)) return undefined;
    const at = declaration.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === value.text && context.checker.getSymbolAtLocation(value) === context.checker.getSymbolAtLocation(parameter.name));
    if (at < 0 || (index >= 0 && at !== index) || declaration.parameters[at].dotDotDotToken) return undefined;
    index = at;
  }
  const argument = call.arguments[index];
  if (!argument || ts.isSpreadElement(argument) || call.arguments.slice(0, index).some(ts.isSpreadElement)) return undefined;
  return { expression: argument, handled: attachesRejectionHandler(declaration, declaration.parameters[index].name as ts.Identifier, context) };
}

/**
 * A callback adapter known only by its declaration (a package's `.d.ts`, such as
 * standard-as-callback's `asCallback<T>(promise: Promise<T>, nodeback): Promise<T>`): it returns
 * the type of one of its promise parameters and is called with a function argument, so the
 * promise's outcome goes to that callback. Without a callback the argument is judged on its own.
 */
function declaredCallbackAdapter(call: ts.CallExpression, context: RuleContext): { expression: ts.Expression; handled: boolean } | undefined {
  const declaration = context.checker.getResolvedSignature(call)?.getDeclaration();
  if (!declaration || ts.isJSDocSignature(declaration) || !isFunctionLike(declaration) || declaration.body || !declaration.type) return undefined;
  const returned = declaration.type.getText();
  const index = declaration.parameters.findIndex((parameter) => !parameter.dotDotDotToken && parameter.type?.getText() === returned);
  const argument = index >= 0 ? call.arguments[index] : undefined;
  if (!argument || ts.isSpreadElement(argument) || call.arguments.slice(0, index).some(ts.isSpreadElement)) return undefined;
  const parameterType = context.checker.getTypeAtLocation(declaration.parameters[index]);
  if (!isPromiseType(context, parameterType, declaration.parameters[index])) return undefined;
  const withCallback = call.arguments.some((other, at) => at !== index && !ts.isSpreadElement(other) && context.checker.getTypeAtLocation(other).getCallSignatures().length > 0);
  return { expression: argument, handled: withCallback };
}

/** Does the function call `param.catch(handler)` or `param.then(f, handler)` somewhere in its body? */
function attachesRejectionHandler(fn: FunctionLike, parameter: ts.Identifier, context: RuleContext): boolean {
  const symbol = context.checker.getSymbolAtLocation(parameter);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const receiver = skipParenthesesDown(node.expression.expression);
      const method = node.expression.name.text;
      if (ts.isIdentifier(receiver) && context.checker.getSymbolAtLocation(receiver) === symbol) {
        if ((method === 'catch' && isRejectionHandler(node.arguments[0], context.checker)) || (method === 'then' && isRejectionHandler(node.arguments[1], context.checker))) {
          found = true;
          return;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/**
 * A call inside the methods of a class that has its own `then` (a reply or query builder), whose
 * value is an instance of that same class: the builder handing itself around, not a promise
 * dropped (`this.header(...)` inside `Reply.prototype.send`).
 */
function isOwnThenableInsideItsClass(call: ts.CallExpression, context: RuleContext): boolean {
  const checker = context.checker;
  const type = checker.getApparentType(checker.getTypeAtLocation(call));
  const symbol = type.getSymbol();
  if (!symbol || !type.getProperty('then')) return false;
  const then = type.getProperty('then');
  const thenDeclarations = then?.declarations ?? [];
  if (thenDeclarations.length === 0 || thenDeclarations.some((declaration) => declaration.getSourceFile().isDeclarationFile && context.program.isSourceFileDefaultLibrary(declaration.getSourceFile()))) return false;
  for (let node: ts.Node | undefined = call.parent; node; node = node.parent) {
    if (ts.isClassLike(node)) {
      const own = node.name ? checker.getSymbolAtLocation(node.name) : checker.getTypeAtLocation(node).getSymbol();
      if (own === symbol && thenDeclarations.some((declaration) => declaration.pos >= node!.pos && declaration.end <= node!.end)) return true;
    }
    if ((ts.isFunctionExpression(node) || ts.isArrowFunction(node)) && ts.isBinaryExpression(node.parent) && node.parent.right === node) {
      // `Reply.prototype.send = function () { ... }`
      const target = node.parent.left;
      if (ts.isPropertyAccessExpression(target) && ts.isPropertyAccessExpression(target.expression) && target.expression.name.text === 'prototype') {
        const owner = checker.getSymbolAtLocation(target.expression.expression);
        if (owner && (owner === symbol || owner.valueDeclaration === symbol.valueDeclaration)) return true;
      }
    }
  }
  return false;
}

/**
 * A Node-style dual API (`connect(opts, callback)` returns a promise only without the callback,
 * so its inferred type is `Promise | undefined`) called with a function as its last argument: the
 * callback variant returns nothing (found in undici).
 */
function choosesCallbackVariant(call: ts.CallExpression, context: RuleContext): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (!last || context.checker.getTypeAtLocation(last).getCallSignatures().length === 0) return false;
  // `connect.call(this, opts, callback)` (undici's promise wrappers): judged on `connect` itself.
  const callee = skipParenthesesDown(call.expression);
  const viaCall = ts.isPropertyAccessExpression(callee) && callee.name.text === 'call' ? referencedFunction(context.checker, callee.expression) : undefined;
  // The declaration the call resolves to (not the call's type, nor the resolved signature's,
  // which an optional chain `list?.map(f)` makes possibly undefined).
  const declaration = viaCall ?? context.checker.getResolvedSignature(call)?.getDeclaration();
  const signature = declaration && !ts.isJSDocSignature(declaration) ? context.checker.getSignatureFromDeclaration(declaration as ts.SignatureDeclaration) : undefined;
  if (!signature) return false;
  const type = context.checker.getReturnTypeOfSignature(signature);
  const NOTHING = ts.TypeFlags.Undefined | ts.TypeFlags.Void;
  if (!type.isUnion() || !type.types.some((part) => (part.flags & NOTHING) !== 0)) return false;
  return takesCallbackAt(declaration as ts.SignatureDeclaration, call.arguments.length - (viaCall ? 2 : 1), context);
}

const CALLBACK_NAMES = /^(cb|callback|done|fn|next|nodeback)$|Callback$|^cb[A-Z]/;

/**
 * The callee really takes a callback at that argument: a parameter named like one (`cb`,
 * `callback`, `done`, `fn`, `next`, `onDoneCallback`) or typed as a Node-style callback
 * (`(error, value) => void`); untyped (JS), it must also be used as a function in the body (called,
 * `.call/.apply`, or handed to another call or constructor). A function that takes a task, or no callback at all
 * (mongoose's `exec(op)`, which rejects "no longer accepts a callback"), is not a dual API.
 */
function takesCallbackAt(declaration: ts.SignatureDeclaration, index: number, context: RuleContext): boolean {
  const parameter = declaration.parameters[index];
  if (!parameter || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name)) return false;
  const name = parameter.name.text;
  const declared = parameter.type ?? ts.getJSDocType(parameter);
  if (declared) {
    const type = context.checker.getNonNullableType(context.checker.getTypeAtLocation(parameter));
    const signatures = (type.isUnion() ? type.types : [type]).flatMap((part) => part.getCallSignatures());
    if (signatures.length === 0) return false;
    if (CALLBACK_NAMES.test(name)) return true;
    return signatures.some((signature) => /^(err|error|e)$/i.test(signature.getParameters()[0]?.getName() ?? ''));
  }
  if (!CALLBACK_NAMES.test(name) || !('body' in declaration) || !declaration.body) return false;
  const symbol = context.checker.getSymbolAtLocation(parameter.name);
  let used = false;
  const visit = (node: ts.Node): void => {
    if (used) return;
    if (ts.isIdentifier(node) && node.text === name && context.checker.getSymbolAtLocation(node) === symbol) {
      const outer = skipParenthesesUp(node);
      const parent = outer.parent;
      if (ts.isCallExpression(parent) && (parent.expression === outer || parent.arguments.includes(outer as ts.Expression))) used = true;
      else if (ts.isNewExpression(parent) && parent.arguments?.includes(outer as ts.Expression)) used = true;
      else if (ts.isPropertyAccessExpression(parent) && ['call', 'apply'].includes(parent.name.text)) used = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration.body);
  return used;
}

/**
 * A call to a project async function whose body cannot reject: every await, throw and failing
 * call sits in a `try` whose `catch` does not rethrow (undici's writeBlob/writeIterable). Its
 * promise can be left alone: there is no rejection to crash on.
 */
function cannotReject(call: ts.CallExpression, context: RuleContext): boolean {
  const declaration = calledDeclaration(context.checker, call);
  if (!declaration || !isAsyncFunction(declaration) || !declaration.body || !catchesItsOwnErrors(declaration.body)) return false;
  return unguardedRejectionPoints(context.checker, declaration).length === 0;
}

/** The body has a `try` with a `catch` of its own: the function was written to handle its failures (an empty body was not). */
function catchesItsOwnErrors(body: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isTryStatement(node) && node.catchClause) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/**
 * A fluent method declared to return `this` (`promise.timeout(ms)` in workerpool, JSDoc
 * `@returns {this}` included) hands back its receiver: the promise is the one the receiver holds,
 * not a new one dropped here.
 */
function returnsItsReceiver(call: ts.CallExpression, context: RuleContext): boolean {
  if (!ts.isPropertyAccessExpression(skipParenthesesDown(call.expression))) return false;
  const declaration = context.checker.getResolvedSignature(call)?.getDeclaration();
  if (!declaration || ts.isJSDocSignature(declaration)) return false;
  const returnType = (declaration as ts.SignatureDeclaration).type ?? ts.getJSDocReturnType(declaration);
  return !!returnType && returnType.kind === ts.SyntaxKind.ThisType;
}

/**
 * settings.safePromises: a call whose callee reads like a listed name (`logEvent`,
 * `analytics.track`, also as the end of `this.analytics.track`), or resolves to a function or
 * method declared under that name (`Analytics.track`, an import renamed), or a promise whose type
 * is named in the list (`Thenable`). `.then`/`.catch`/`.finally` on a safe promise stay safe.
 */
function isSafePromise(expression: ts.Expression, context: RuleContext): boolean {
  const safe = context.settings.safePromises;
  if (safe.length === 0) return false;
  const e = skipParenthesesDown(expression);
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    const callee = skipParenthesesDown(e.expression);
    const text = callee.getText(context.sourceFile).replace(/\s+/g, '').replace(/\?\./g, '.');
    if (safe.some((name) => text === name || text.endsWith(`.${name}`))) return true;
    if (safe.some((name) => declaredNames(callee, context).includes(name))) return true;
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(callee) && ['then', 'catch', 'finally'].includes(callee.name.text) && isSafePromise(callee.expression, context)) {
      return true;
    }
  }
  const type = context.checker.getTypeAtLocation(expression);
  const parts = (type.isUnion() ? type.types : [type]).filter((part) => isPromiseType(context, part, expression));
  return parts.length > 0 && parts.every((part) => [part.aliasSymbol?.name, part.getSymbol()?.name].some((name) => name !== undefined && safe.includes(name)));
}

/** `track` and `Analytics.track` for a callee that resolves to method `track` of class/interface/namespace `Analytics`. */
function declaredNames(callee: ts.Expression, context: RuleContext): string[] {
  const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  let symbol = context.checker.getSymbolAtLocation(at);
  symbol = resolveAlias(context.checker, symbol);
  if (!symbol) return [];
  const names = [symbol.name];
  for (const declaration of symbol.declarations ?? []) {
    const owner = declaration.parent;
    const ownerName =
      owner && (ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) && owner.name
        ? owner.name.text
        : owner && ts.isModuleBlock(owner) && ts.isIdentifier(owner.parent.name)
          ? owner.parent.name.text
          : undefined;
    if (ownerName) names.push(`${ownerName}.${symbol.name}`);
  }
  return names;
}

function fixesFor(statement: ts.ExpressionStatement, part: ts.Expression, isArray: boolean, context: RuleContext): Fix[] {
  const fixes: Fix[] = [];
  const text = part.getText(context.sourceFile);
  // `Promise.all` takes no undefined: `list?.map(save)` becomes `Promise.all(list?.map(save) ?? [])`.
  const arrayText = isArray && mayBeNullish(context.checker.getTypeAtLocation(part)) ? `${receiverText(part, context.sourceFile)} ?? []` : text;
  const where = awaitContext(statement);
  if (where?.async) {
    fixes.push({
      title: isArray ? 'Add await Promise.all(...)' : 'Add await',
      kind: 'suggestion',
      preferred: true,
      edits: isArray ? [replaceNode(part, `await Promise.all(${arrayText})`)] : addAwaitEdits(part),
    });
  }
  const handler = logErrorHandlerText(context.sourceFile);
  const catchEdits = isArray ? [replaceNode(part, `Promise.all(${arrayText}).catch(${handler})`)] : catchHandlerEdits(part, handler, context);
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
    const receiver = receiverText(expression, context.sourceFile);
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
    // `save().catch(h) && next()`: a promise on the left of a logical operator is always truthy,
    // which TypeScript reports once the call has become a handled promise (TS2801).
    if (ts.isBinaryExpression(e) && operand === e.left) return undefined;
    const operandEdits = catchHandlerEdits(operand, handler, context);
    if (!operandEdits) return undefined;
    edits.push(...operandEdits);
  }
  return edits.length > 0 ? edits : undefined;
}

function mayBeNullish(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) !== 0);
}
