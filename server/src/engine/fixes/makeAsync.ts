// Making a synchronous function async: the function alone (its callers ignore its result), or a
// helper together with an `await` at every call of it in the program.
import { ts } from '../compiler';
import type { TextEdit } from '../findings';
import { FunctionLike, callReceivingArgument, enclosingFunction, isAsyncFunction, skipParenthesesUp } from '../analysis/functions';
import { isThenableType } from '../analysis/promises';
import { callSitesOf } from '../analysis/references';
import { awaitAllowedIn, awaitNeedsParentheses } from './await';
import { insertAt, mergeInsertions, replaceNode, withLineColumns } from './edits';

/** A function that can take `async` in front of it (see canBecomeAsync). */
export type AsyncableFunction = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

/**
 * Edits that make a synchronous function async, or undefined when that could change more than
 * the function: generators, constructors and accessors cannot be async; a function whose value
 * is used (non-void return type) would hand its callers a Promise instead; a callback passed to a
 * call would become fire-and-forget; a function typed by its context (`const f: Handler = ...`)
 * must accept a Promise return. An explicit `void` return annotation becomes `Promise<void>`.
 */
export function makeAsyncEdits(fn: FunctionLike, checker: ts.TypeChecker): TextEdit[] | undefined {
  if (!(ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isMethodDeclaration(fn))) return undefined;
  if (isAsyncFunction(fn) || fn.asteriskToken || !fn.body) return undefined;
  const sourceFile = fn.getSourceFile();
  const signature = checker.getSignatureFromDeclaration(fn);
  if (!signature) return undefined;
  const returnType = checker.getReturnTypeOfSignature(signature);
  if (!isVoidLike(returnType)) return undefined;
  // A callback handed to a call (`forEach`, `on('event')`, `new Promise(executor)`) would become
  // a fire-and-forget async function whose rejections nobody sees: not offered.
  if (callReceivingArgument(fn)) return undefined;
  if (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) {
    const contextual = checker.getContextualType(fn);
    if (contextual && !acceptsPromiseReturn(checker, contextual, fn)) return undefined;
  }
  if (ts.isMethodDeclaration(fn) && fn.parent && ts.isObjectLiteralExpression(fn.parent)) {
    const objectType = checker.getContextualType(fn.parent);
    const property = objectType && ts.isIdentifier(fn.name) ? objectType.getProperty(fn.name.text) : undefined;
    const contextual = property && checker.getTypeOfSymbolAtLocation(property, fn);
    if (contextual && !acceptsPromiseReturn(checker, contextual, fn)) return undefined;
  }
  const edits: TextEdit[] = [];
  const at = asyncInsertionOffset(fn, sourceFile);
  if (at === undefined) return undefined;
  edits.push({ fileName: sourceFile.fileName, start: at, end: at, newText: 'async ' });
  if (fn.type) {
    if (fn.type.kind !== ts.SyntaxKind.VoidKeyword) return undefined;
    edits.push({ fileName: sourceFile.fileName, start: fn.type.getStart(sourceFile), end: fn.type.getEnd(), newText: 'Promise<void>' });
  }
  return edits;
}

function isVoidLike(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0;
}

/** A contextual function type whose every signature returns void, any, unknown or a promise. */
function acceptsPromiseReturn(checker: ts.TypeChecker, contextual: ts.Type, node: ts.Node): boolean {
  const type = checker.getNonNullableType(contextual);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  const signatures = type.isUnion() ? type.types.flatMap((part) => part.getCallSignatures()) : type.getCallSignatures();
  if (signatures.length === 0) return false;
  return signatures.every((signature) => {
    const returnType = checker.getReturnTypeOfSignature(signature);
    return (
      (returnType.flags & (ts.TypeFlags.Void | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 ||
      isThenableType(checker, returnType, node)
    );
  });
}

/** Before `function`, before a method's name (after `static`/`public`), before an arrow's parameters. */
function asyncInsertionOffset(fn: FunctionLike, sourceFile: ts.SourceFile): number | undefined {
  if (ts.isMethodDeclaration(fn)) return fn.name.getStart(sourceFile);
  if (ts.isArrowFunction(fn)) return fn.getStart(sourceFile); // an arrow's only modifier is `async`
  const keyword = fn.getChildren(sourceFile).find((child) => child.kind === ts.SyntaxKind.FunctionKeyword);
  return keyword?.getStart(sourceFile);
}

/**
 * "Make `helper` async": `async ` on the helper (its annotated return type T becomes Promise<T>),
 * the given edits inside it, and `await` before every call of it in the program, with line and
 * column ranges (the calls may be in other files). Undefined when the helper has no call, or a
 * call is not in async code where `await` is legal (the helper itself included).
 */
export function makeHelperAsyncEdits(
  helper: AsyncableFunction,
  editsInside: TextEdit[],
  program: ts.Program,
  checker: ts.TypeChecker,
): { edits: TextEdit[]; callCount: number } | undefined {
  const callSites = callSitesOf(helper, program, checker);
  if (!callSites || callSites.length === 0) return undefined;
  const awaitEdits: TextEdit[] = [];
  for (const site of callSites) {
    const caller = enclosingFunction(site);
    if (!caller || caller === helper || !isAsyncFunction(caller) || !awaitAllowedIn(site, caller)) return undefined;
    if (ts.isAwaitExpression(skipParenthesesUp(site).parent)) continue;
    const [before, after] = awaitNeedsParentheses(site) ? ['(await ', ')'] : ['await ', ''];
    awaitEdits.push(insertAt(site.getSourceFile(), site.getStart(), before));
    if (after) awaitEdits.push(insertAt(site.getSourceFile(), site.getEnd(), after));
  }
  const helperEdits: TextEdit[] = [asyncKeywordEdit(helper)];
  if (helper.type) helperEdits.push(replaceNode(helper.type, `Promise<${helper.type.getText()}>`));
  return { edits: withLineColumns(mergeInsertions([...helperEdits, ...editsInside, ...awaitEdits]), program), callCount: callSites.length };
}

/** A function declaration or a function held in an untyped const that can take `async` without changing its type's shape. */
export function canBecomeAsync(fn: FunctionLike): fn is AsyncableFunction {
  if (isAsyncFunction(fn) || !fn.body) return false;
  if (fn.type && (ts.isTypePredicateNode(fn.type) || fn.type.kind === ts.SyntaxKind.NeverKeyword)) return false;
  if (!fn.type && ts.getJSDocReturnType(fn)) return false;
  if (ts.isFunctionDeclaration(fn)) return !fn.asteriskToken && !!fn.name;
  if (!ts.isArrowFunction(fn) && !(ts.isFunctionExpression(fn) && !fn.asteriskToken)) return false;
  const holder = skipParenthesesUp(fn).parent;
  return ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && !holder.type && (ts.getCombinedNodeFlags(holder) & ts.NodeFlags.Const) !== 0;
}

/** `async ` before `function`, or before an arrow's parameters. */
function asyncKeywordEdit(fn: AsyncableFunction): TextEdit {
  const sourceFile = fn.getSourceFile();
  const keyword = fn.getChildren(sourceFile).find((child) => child.kind === ts.SyntaxKind.FunctionKeyword);
  return insertAt(sourceFile, (keyword ?? fn).getStart(sourceFile), 'async ');
}
