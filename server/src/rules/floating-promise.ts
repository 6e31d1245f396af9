// floating-promise: a promise-valued expression statement that nobody awaits, returns, voids or
// gives a rejection handler. Found by type (anything with a callable `then`, VS Code's Thenable
// included), in any code, not only async functions: a rejected floating promise is an unhandled
// rejection, which crashes Node (>= 15) by default.
//
// Position convention: for a call (or `new`) the finding covers the callee (`saveUser` in
// `saveUser(u);`, `fetch(url).then` in `fetch(url).then(parse);`); for any other shape
// (`cond && save()`, `a ? p : q`, `[p1, p2]`, a bare `p`) it covers the whole expression.
// Comma expressions are split: each discarded operand is judged (and reported) on its own.
//
// Stored promises (`const p = fetchUser(id);`) are followed through the rest of their scope (see
// analysis/storedPromises.ts): reported on the variable's name when some path leaves the scope
// without awaiting, returning or otherwise handing the promise on. typescript-eslint declines this
// case; a rejection of a dropped stored promise crashes the process just the same.
//
// settings.safePromises: calls (`logEvent`, `analytics.track`) and types (`Thenable`) whose
// promises may be left unawaited are never reported.
//
// Not reported, because no promise can crash there: a call to a project async function that
// catches its own failures (a try/catch and no await, throw or failing call outside it); a method
// declared to return `this` (the receiver's promise, not a new one); a dual callback/promise API
// called with its callback; a plain variable read on the left of `&&`/`||`/`??` (a guard).
//
// In test files, a statement that async-test-assertion reports (`expect(p).rejects.toThrow();`,
// `assert.rejects(...)`, `t.test(...)` not awaited) is left to that rule, so one mistake is one
// finding; unless async-test-assertion is turned off, in which case this rule reports it.
import { ts } from '../engine/compiler';
import { isArrayOfThenables, isAsyncFunction, isFunctionLike, isThenableType, skipParenthesesDown, skipParenthesesUp } from '../engine/analysis';
import {
  awaitContext,
  callName,
  hasCatchMethod,
  isJavaScriptFile,
  isTestFrameworkCall,
  isThenableOrNullish,
  reportNodeFor,
} from '../engine/analysis/promiseUsage';
import { UnhandledExit, unhandledExits } from '../engine/analysis/storedPromises';
import { asyncTestCall, isTestFile } from '../engine/analysis/testFrameworks';
import { calledDeclaration, unguardedRejectionPoints } from '../engine/analysis/callbacks';
import { isAssignmentOperator } from '../engine/analysis/loops';
import type { Fix, TextEdit } from '../engine/findings';
import { addAwaitEdits, indentationAt, insertAt, needsOperandParentheses, newlineOf, replaceNode } from '../engine/fixes';
import { RuleContext, defineRule, relatedLocation } from '../engine/rule';

type MessageId = 'floatingCall' | 'floatingValue' | 'floatingArray' | 'storedUnhandled';

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
    storedUnhandled: `Promise stored in '{name}' is not awaited, returned or handled on every path (e.g. {path}); ${CONSEQUENCE}`,
  },
  fixAllSafe: 'none: adding await or a .catch handler changes timing or error flow, and void only records an intent; each is applied by hand.',
  create(context) {
    const defersToTestRule = context.settings.rules['async-test-assertion'] !== 'off' && isTestFile(context.sourceFile, context.checker);
    return {
      [ts.SyntaxKind.ExpressionStatement]: (statement: ts.ExpressionStatement) => {
        if (defersToTestRule && asyncTestCall(skipParenthesesDown(statement.expression), context.checker, context.analysis.apis)) return;
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
  if (declaration.type && !isThenableType(context.checker, type, declaration.name)) return;
  const result = unhandledExits(declaration, context.checker);
  if (!result || result.exits.length === 0) return;
  // A value-or-promise that the code goes on to use (`const valid = validate(x); if (!valid) ...`)
  // is treated as its value there: a missing await at most, not a promise dropped.
  if (result.references.length > 0 && holdsValueOrPromise(context.checker, type, declaration.name)) return;
  const sourceFile = context.sourceFile;
  const [first] = result.exits;
  context.report({
    node: declaration.name,
    messageId: 'storedUnhandled',
    data: { name: declaration.name.text, path: describeExit(first, sourceFile) },
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
function holdsValueOrPromise(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): boolean {
  if (!type.isUnion()) return false;
  const NOTHING = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void | ts.TypeFlags.Never | ts.TypeFlags.Any | ts.TypeFlags.Unknown;
  return type.types.some((part) => !(part.flags & NOTHING) && !isThenableType(checker, part, node));
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
  const handler = isJavaScriptFile(sourceFile) ? '(error) => { console.error(error); }' : '(error: unknown) => { console.error(error); }';
  if (references.length === 0) {
    const edits = catchHandlerEdits(initializer, handler, context);
    if (edits) fixes.push({ title: 'Add .catch handler', kind: 'suggestion', edits });
  } else {
    const type = context.checker.getTypeAtLocation(declaration.name);
    const statement = declaration.parent.parent;
    const shape = isThenableOrNullish(context.checker, type, declaration.name);
    if (shape.thenable && hasCatchMethod(context.checker, type, declaration.name) && ts.isVariableStatement(statement)) {
      const end = statement.getEnd();
      const text = `${newlineOf(sourceFile)}${indentationAt(sourceFile, statement.getStart(sourceFile))}${name}${shape.nullish ? '?.' : '.'}catch(${handler});`;
      fixes.push({ title: 'Add .catch handler', kind: 'suggestion', edits: [insertAt(sourceFile, end, text)] });
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
  const signature = ts.isCallExpression(inner) || ts.isNewExpression(inner) ? context.checker.getResolvedSignature(inner) : undefined;
  const type = signature && ts.isCallExpression(inner) ? context.checker.getReturnTypeOfSignature(signature) : context.checker.getTypeAtLocation(expression);
  return isThenableType(context.checker, type, expression) || isArrayOfThenables(context.checker, type, expression);
}

function isLogicalOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
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
    if (operator === ts.SyntaxKind.CommaToken) return isFloating(e.left, context) || isFloating(e.right, context);
    if (isLogicalOperator(operator)) {
      // `flushes && subscribe(flushes)`: a variable or property read on the left is a guard, and
      // the promise it may hold is kept where it is read from (found in rxjs). A call there makes one.
      return (!isPlainRead(e.left) && isFloating(e.left, context)) || isFloating(e.right, context);
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
    if (returnsItsReceiver(e, context)) return false;
    if (choosesCallbackVariant(e, context) || cannotReject(e, context)) return false;
    if (isTestFrameworkCall(e, context.checker)) return false;
    if (isSafePromise(e, context)) return false;
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
  return isPromiseValued(e, context) && !isSafePromise(e, context);
}

/**
 * A Node-style dual API (`connect(opts, callback)` returns a promise only without the callback,
 * so its inferred type is `Promise | undefined`) called with a function as its last argument: the
 * callback variant returns nothing (found in undici).
 */
function choosesCallbackVariant(call: ts.CallExpression, context: RuleContext): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (!last || context.checker.getTypeAtLocation(last).getCallSignatures().length === 0) return false;
  const type = context.checker.getTypeAtLocation(call);
  const NOTHING = ts.TypeFlags.Undefined | ts.TypeFlags.Void;
  return type.isUnion() && type.types.some((part) => (part.flags & NOTHING) !== 0);
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
  const parts = (type.isUnion() ? type.types : [type]).filter((part) => isThenableType(context.checker, part, expression));
  return parts.length > 0 && parts.every((part) => [part.aliasSymbol?.name, part.getSymbol()?.name].some((name) => name !== undefined && safe.includes(name)));
}

/** `track` and `Analytics.track` for a callee that resolves to method `track` of class/interface/namespace `Analytics`. */
function declaredNames(callee: ts.Expression, context: RuleContext): string[] {
  const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  let symbol = context.checker.getSymbolAtLocation(at);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = context.checker.getAliasedSymbol(symbol);
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
    // `save().catch(h) && next()`: a promise on the left of a logical operator is always truthy,
    // which TypeScript reports once the call has become a handled promise (TS2801).
    if (ts.isBinaryExpression(e) && operand === e.left) return undefined;
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
