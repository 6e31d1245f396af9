// missing-await: a promise used where its value was meant. What it reports and why: the `docs` field below.
import { ts } from '../engine/compiler';
import { isAlwaysThenable, skipParenthesesDown, skipParenthesesUp } from '../engine/analysis';
import { mayBeNullishByDeclaration } from '../engine/analysis/declaredNullability';
import { isNativePromiseType } from '../engine/analysis/nativePromise';
import { awaitContext, cannotBePromise, expressionText, functionLabel, reportNodeFor } from '../engine/analysis/promiseUsage';
import { isAssignmentOperator, isCompoundAssignmentOperator, isLogicalOperator } from '../engine/analysis/operators';
import { isJavaScriptFile } from '../engine/analysis/sourceFiles';
import type { Fix } from '../engine/findings';
import { addAwaitEdits, makeAsyncEdits } from '../engine/fixes';
import { RuleContext, defineRule } from '../engine/rule';

type MessageId =
  | 'condition'
  | 'negation'
  | 'bitwiseNotCondition'
  | 'concatenation'
  | 'arithmetic'
  | 'plus'
  | 'comparison'
  | 'iterableSpread'
  | 'objectSpread'
  | 'member'
  | 'memberCall'
  | 'returnInTry'
  | 'returnInTryFinally'
  | 'returnInUsingScope'
  | 'returnInAsyncGenerator';

const MEANT = "did you mean 'await {expr}'?";

export default defineRule<MessageId>({
  id: 'missing-await',
  concept: 'await',
  defaultSeverity: 'warning',
  description: 'A promise used as if it were its value (condition, arithmetic, string, comparison, spread, member read), or returned from try without await.',
  docs: {
    what:
      'A promise used where its value was meant: tested as a condition, negated, used in arithmetic, concatenated or interpolated, compared with a non-promise, spread, or read for a member a Promise does not have. And `return p` inside `try` of an async function, where the catch/finally block will not see the rejection, or in the scope of a `using` / `await using` declaration, whose resource is disposed before the promise settles.\n\n' +
      'Conditions: inside a test (`if`/`while`/`do`/`for`/`?:`, the operand of `!`) every operand of `&&`, `||` and `??` is tested (`if (a ?? p)`, `if ((x && p) || y)`); outside one only the left spine of `&&`/`||` is, and `~p` (always -1) only where it is tested.\n\n' +
      'Where the squiggle goes (as for `floating-promise`): for a call the callee (`isAdmin` in `if (isAdmin(user))`), otherwise the promise expression.',
    why:
      "A promise is an object: as a condition it is always true, in a string it is `[object Promise]`, in arithmetic `NaN`, and it has none of its value's members; the code runs on with a wrong value and no error. A promise returned from `try` without `await` settles after the `try` is left: its rejection skips the `catch`, and a `finally` (or a `using` disposal) runs before the work is done.",
    notReported: [
      'A value that may be unset by its declaration: a presence test, not a mistake. A variable or field without initialiser (through `this.x` or `other.x`), and, which matters when `strictNullChecks` is off and the checker erases `| null`, one whose annotation or JSDoc admits null/undefined, that is initialised or assigned null in its file, or a getter returning such a value (`analysis/declaredNullability.ts`).',
      "User thenables, for what the reference does not check (text, arithmetic, comparison, iterable spread, member reads): a query builder, or a JS class whose prototype gets its own `then` and `Object.defineProperties` members (as fastify's Reply), may have its own `toString`/`valueOf`/iterator and members the checker does not see. Conditions and object spreads cover any thenable.",
      '`(x && p) || y` used as a value rather than tested: only the left spine of `&&`/`||` is a condition there.',
    ],
    severity:
      'Warning. A promise returned without `await` past a `catch` is info: its rejection still reaches the caller, only that handler misses it; past a `finally` or a `using` disposal it stays a warning. In an async generator `return p` awaits `p` itself (inside the `try`, before disposal): info only, since the reference asks for `return await` there too.',
    reference:
      'typescript-eslint `no-misused-promises` with `checksConditionals` (conditions, any thenable) and `checksSpreads` (object spreads), and `return-await` "in-try-catch" (returns in `try` and in `using` scopes). Text, arithmetic, comparison, iterable spreads and member reads are checked beyond the reference, on native promises only.',
    examples: [
      {
        invalid: `declare function isAdmin(id: string): Promise<boolean>;

export async function check(id: string): Promise<void> {
  if (isAdmin(id)) console.log('admin');
}
`,
        valid: `declare function isAdmin(id: string): Promise<boolean>;

export async function check(id: string): Promise<void> {
  if (await isAdmin(id)) console.log('admin');
}
`,
      },
      {
        invalid: `declare function load(id: string): Promise<string>;

export async function loadOrLog(id: string): Promise<string> {
  try {
    return load(id);
  } finally {
    console.log('done');
  }
}
`,
        valid: `declare function load(id: string): Promise<string>;

export async function loadOrLog(id: string): Promise<string> {
  try {
    return await load(id);
  } finally {
    console.log('done');
  }
}
`,
      },
    ],
  },
  messages: {
    condition: `'{expr}' is a Promise, so this condition is always true; ${MEANT}`,
    negation: `'{expr}' is a Promise, so '!' on it is always false; ${MEANT}`,
    bitwiseNotCondition: `'{expr}' is a Promise, so '~' on it is always -1, which is truthy: this test always passes; ${MEANT}`,
    concatenation: `'{expr}' is a Promise, so this puts '[object Promise]' into the string; ${MEANT}`,
    plus: `'{expr}' is a Promise, so '+' joins the text '[object Promise]' instead of adding its value; ${MEANT}`,
    arithmetic: `'{expr}' is a Promise, so this arithmetic produces {result}; ${MEANT}`,
    comparison: `'{expr}' is a Promise, so this comparison is always {result}; ${MEANT}`,
    iterableSpread: `'{expr}' is a Promise, which is not iterable, so spreading it throws a TypeError; ${MEANT}`,
    objectSpread: `'{expr}' is a Promise, so spreading it copies no properties; ${MEANT}`,
    member: `'{expr}' is a Promise, which has no '{name}', so this reads undefined; did you mean '(await {expr}).{name}'?`,
    memberCall: `'{expr}' is a Promise, which has no method '{name}', so this call throws a TypeError; did you mean '(await {expr}).{name}(...)'?`,
    returnInTry: `'{expr}' is returned without await inside 'try', so the catch block never sees its rejection (it goes to the caller instead); did you mean 'return await {expr}'?`,
    returnInTryFinally: `'{expr}' is returned without await inside '{block}', so the finally block runs before it settles; did you mean 'return await {expr}'?`,
    returnInUsingScope: `'{expr}' is returned without await in the scope of '{name}' ('{keyword}'), so '{name}' is disposed before the promise settles; did you mean 'return await {expr}'?`,
    returnInAsyncGenerator: `'{expr}' is returned without await {where} of an async generator: its 'return' awaits the promise before leaving, so this works as written; 'return await {expr}' says so (typescript-eslint's return-await asks for it).`,
  },
  fixAllSafe: 'none: adding await changes timing and error flow.',
  summary:
    'a promise used as its value (condition, including `a ?? p`, arithmetic, template, spread, member read), or returned without `await` from `try` or a `using` scope; promise-or-null fields are read from their declarations when `strictNullChecks` is off',
  concepts: {
    await:
      'a promise returned from `try`, dropped before a dependent step, or used where its value was meant.',
  },
  background: {
    coroutines: 'a promise used where its value was meant.',
    'event-loop': 'code that continues before the loop delivered the value.',
  },
  create(context) {
    const reported = new Set<ts.Node>();
    let expandoSet: Set<string> | undefined;
    /** `p.cancel = ...` somewhere in the file: JS code that tags its promises; reads of those names are meant. */
    const expandos = (): Set<string> => {
      context.dependsOnOtherUnits?.(); // a scan of the whole file, async bodies included (before the memo: every reader depends on it)
      if (expandoSet) return expandoSet;
      const found = new Set<string>();
      const visit = (node: ts.Node): void => {
        if (
          ts.isBinaryExpression(node) &&
          node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isPropertyAccessExpression(node.left) &&
          ts.isIdentifier(node.left.name)
        ) {
          const key = expandoKey(node.left.expression, node.left.name.text, context);
          if (key) found.add(key);
        }
        ts.forEachChild(node, visit);
      };
      visit(context.sourceFile);
      expandoSet = found;
      return found;
    };
    const report = (expression: ts.Expression, messageId: MessageId, data: Record<string, string> = {}, severityCap?: 'info'): void => {
      const target = skipParenthesesUp(expression) as ts.Expression;
      if (reported.has(target)) return;
      reported.add(target);
      context.report({
        node: reportNodeFor(expression),
        messageId,
        data: { expr: expressionText(skipParenthesesDown(expression), context.sourceFile), ...data },
        fixes: awaitFixes(expression, context),
        ...(severityCap ? { severityCap } : {}),
      });
    };
    /** A promise that is a promise on every path (a `Promise | undefined` may be a presence test). */
    // Both skip what the syntax already rules out (`1 + 1 + ...`): the checker recomputes the type
    // of a binary chain on every query, so asking it for each operand of a long chain is quadratic.
    const isPromise = (expression: ts.Expression): boolean =>
      !cannotBePromise(expression) && isAlwaysThenable(context.checker, context.checker.getTypeAtLocation(expression), expression);
    const mayBePromise = (expression: ts.Expression): boolean => !cannotBePromise(expression) && context.analysis.isThenable(expression);
    // Value uses the reference does not check (text, arithmetic, comparison, iteration, member
    // reads) are mistakes only on a native Promise: a user thenable (a query builder, a class with
    // its own `then`) may have its own toString/valueOf/iterator and members the checker misses.
    const nativeType = (expression: ts.Expression, every: boolean): boolean =>
      isNativePromiseType(context.program, context.checker, context.checker.getTypeAtLocation(expression), every);
    const isNativePromise = (expression: ts.Expression): boolean => isPromise(expression) && nativeType(expression, true);
    const mayBeNativePromise = (expression: ts.Expression): boolean => mayBePromise(expression) && nativeType(expression, false);
    /** Whether `+` with this operand joins text: syntax first, then the checker on leaves only (linear on chains). */
    const stringValued = new Map<ts.Node, boolean>();
    const isText = (expression: ts.Expression): boolean => {
      const e = skipParenthesesDown(expression);
      const known = stringValued.get(e);
      if (known !== undefined) return known;
      let result: boolean;
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) result = true;
      else if (ts.isNumericLiteral(e) || ts.isBigIntLiteral(e)) result = false;
      else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        // Left spine iteratively: `a + b + c ...` nests to the left.
        const rights: ts.Expression[] = [];
        let left: ts.Expression = e;
        while (ts.isBinaryExpression(left) && left.operatorToken.kind === ts.SyntaxKind.PlusToken && !stringValued.has(left)) {
          rights.push(left.right);
          left = skipParenthesesDown(left.left);
        }
        result = isText(left);
        // Fill in each level of the chain from the bottom up.
        for (let index = rights.length - 1; index >= 0; index--) {
          result = result || isText(rights[index]);
          stringValued.set(rights[index].parent, result);
        }
      } else result = (context.checker.getTypeAtLocation(e).flags & ts.TypeFlags.StringLike) !== 0;
      stringValued.set(e, result);
      return result;
    };

    /** A promise, on every path and known to hold one (not a nullable field or an uninitialised variable). */
    const isDefinitePromise = (e: ts.Expression): boolean =>
      isPromise(e) && !mayBeUninitialised(e, context.checker) && !mayBeNullishByDeclaration(e, context.checker);

    /**
     * A value tested for truthiness: `if (p)`, `p ? a : b`, `!p`. As typescript-eslint's
     * checksConditionals: both operands of `&&`, `||` and `??` inside a test are themselves tested
     * (`if (a ?? p)`, `if ((x && p) || y)`), and `~p` (always -1) is reported only here.
     */
    const checkCondition = (condition: ts.Expression | undefined): void => {
      if (!condition) return;
      const e = skipParenthesesDown(condition);
      if (isLogical(e)) {
        checkCondition(e.left);
        checkCondition(e.right);
        return;
      }
      if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.TildeToken) {
        if (isDefinitePromise(skipParenthesesDown(e.operand))) report(e.operand, 'bitwiseNotCondition');
        return;
      }
      if (isDefinitePromise(e)) report(condition, 'condition');
    };

    /**
     * The left of `&&`/`||` outside a test: it is tested, but only for choosing the result, so as
     * in typescript-eslint only its own left spine is (`(x && p) || y` as a value is not reported,
     * nor the left of `??`, which is a nullish check).
     */
    const checkValueLeft = (left: ts.Expression): void => {
      const e = skipParenthesesDown(left);
      if (isLogical(e)) {
        if (e.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken) checkValueLeft(e.left);
        return;
      }
      if (isDefinitePromise(e)) report(left, 'condition');
    };

    const checkBinary = (node: ts.BinaryExpression): void => {
      const operator = node.operatorToken.kind;
      switch (operator) {
        case ts.SyntaxKind.AmpersandAmpersandToken:
        case ts.SyntaxKind.BarBarToken:
          // A logical expression that is itself a test is handled whole by checkCondition.
          if (!isTestPosition(node)) checkValueLeft(node.left);
          return;
        case ts.SyntaxKind.PlusToken:
        case ts.SyntaxKind.PlusEqualsToken:
          for (const operand of operator === ts.SyntaxKind.PlusEqualsToken ? [node.right] : [node.left, node.right]) {
            if (!mayBeNativePromise(operand)) continue;
            const other = operand === node.left ? node.right : node.left;
            report(operand, isText(other) ? 'concatenation' : 'plus');
          }
          return;
        case ts.SyntaxKind.MinusToken:
        case ts.SyntaxKind.AsteriskToken:
        case ts.SyntaxKind.SlashToken:
        case ts.SyntaxKind.PercentToken:
        case ts.SyntaxKind.AsteriskAsteriskToken:
        case ts.SyntaxKind.MinusEqualsToken:
        case ts.SyntaxKind.AsteriskEqualsToken:
        case ts.SyntaxKind.SlashEqualsToken:
        case ts.SyntaxKind.PercentEqualsToken:
        case ts.SyntaxKind.AsteriskAsteriskEqualsToken:
          for (const operand of isCompoundAssignmentOperator(operator) ? [node.right] : [node.left, node.right]) {
            if (mayBeNativePromise(operand)) report(operand, 'arithmetic', { result: 'NaN' });
          }
          return;
        case ts.SyntaxKind.LessThanLessThanToken:
        case ts.SyntaxKind.GreaterThanGreaterThanToken:
        case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken:
        case ts.SyntaxKind.AmpersandToken:
        case ts.SyntaxKind.BarToken:
        case ts.SyntaxKind.CaretToken:
          for (const operand of [node.left, node.right]) {
            if (mayBeNativePromise(operand)) report(operand, 'arithmetic', { result: '0 bits of its value' });
          }
          return;
        case ts.SyntaxKind.EqualsEqualsEqualsToken:
        case ts.SyntaxKind.EqualsEqualsToken:
        case ts.SyntaxKind.ExclamationEqualsEqualsToken:
        case ts.SyntaxKind.ExclamationEqualsToken:
        case ts.SyntaxKind.LessThanToken:
        case ts.SyntaxKind.GreaterThanToken:
        case ts.SyntaxKind.LessThanEqualsToken:
        case ts.SyntaxKind.GreaterThanEqualsToken: {
          const pairs: [ts.Expression, ts.Expression][] = [
            [node.left, node.right],
            [node.right, node.left],
          ];
          for (const [promise, other] of pairs) {
            if (isNativePromise(promise) && isComparableValue(other, context)) {
              report(promise, 'comparison', { result: comparisonResult(operator) });
            }
          }
          return;
        }
        default:
          return;
      }
    };

    return {
      [ts.SyntaxKind.IfStatement]: (node: ts.IfStatement) => checkCondition(node.expression),
      [ts.SyntaxKind.WhileStatement]: (node: ts.WhileStatement) => checkCondition(node.expression),
      [ts.SyntaxKind.DoStatement]: (node: ts.DoStatement) => checkCondition(node.expression),
      [ts.SyntaxKind.ForStatement]: (node: ts.ForStatement) => checkCondition(node.condition),
      [ts.SyntaxKind.ConditionalExpression]: (node: ts.ConditionalExpression) => checkCondition(node.condition),
      [ts.SyntaxKind.BinaryExpression]: checkBinary,
      [ts.SyntaxKind.PrefixUnaryExpression]: (node: ts.PrefixUnaryExpression) => {
        if (node.operator === ts.SyntaxKind.ExclamationToken) {
          // `!` tests its operand: `!(a ?? p)`, `!(x && p)` as in a condition.
          const operand = skipParenthesesDown(node.operand);
          if (isLogical(operand) || (ts.isPrefixUnaryExpression(operand) && operand.operator === ts.SyntaxKind.TildeToken)) checkCondition(operand);
          else if (isDefinitePromise(operand)) report(node.operand, 'negation');
          return;
        }
        if (node.operator !== ts.SyntaxKind.MinusToken && node.operator !== ts.SyntaxKind.PlusToken) return;
        const operand = skipParenthesesDown(node.operand);
        if (isDefinitePromise(operand) && nativeType(operand, true)) report(node.operand, 'arithmetic', { result: 'NaN' });
      },
      [ts.SyntaxKind.TemplateSpan]: (node: ts.TemplateSpan) => {
        // A tag function receives the values themselves, promises included: only plain templates.
        if (ts.isTaggedTemplateExpression(node.parent.parent)) return;
        if (mayBeNativePromise(node.expression)) report(node.expression, 'concatenation');
      },
      [ts.SyntaxKind.SpreadElement]: (node: ts.SpreadElement) => {
        if (mayBeNativePromise(node.expression)) report(node.expression, 'iterableSpread');
      },
      [ts.SyntaxKind.SpreadAssignment]: (node: ts.SpreadAssignment) => {
        if (mayBePromise(node.expression)) report(node.expression, 'objectSpread');
      },
      [ts.SyntaxKind.PropertyAccessExpression]: (node: ts.PropertyAccessExpression) => {
        if (ts.isPrivateIdentifier(node.name) || isWriteTarget(node)) return;
        // The member first: a member that resolves exists on the receiver. Asking for the
        // receiver's type first (`this.x`: the whole class) would tie every unit reading a member
        // to the class's full shape in the unit cache, so a new member would re-analyse them all.
        if (context.checker.getSymbolAtLocation(node.name)) return;
        const receiver = node.expression;
        if (!isNativePromise(receiver)) return;
        const type = context.checker.getApparentType(context.checker.getTypeAtLocation(receiver));
        const parts = type.isUnion() ? type.types : [type];
        if (parts.some((part) => context.checker.getPropertyOfType(part, node.name.text))) return;
        const key = expandoKey(receiver, node.name.text, context);
        if (key && expandos().has(key)) return;
        if (rebindsPromise(context.sourceFile)) return;
        const called = ts.isCallExpression(node.parent) && node.parent.expression === node;
        report(receiver, called ? 'memberCall' : 'member', { name: node.name.text });
      },
      [ts.SyntaxKind.ReturnStatement]: (node: ts.ReturnStatement) => {
        const expression = node.expression;
        if (!expression || ts.isAwaitExpression(skipParenthesesDown(expression))) return;
        const where = awaitContext(node);
        if (!where?.async) return;
        const sees = tryThatSeesReturn(node);
        const disposal = sees ? undefined : usingInScope(node);
        if ((!sees && !disposal) || !mayBePromise(expression)) return;
        // An async generator's `return p` awaits p itself, inside the try and before disposal:
        // the reference asks for `return await` anyway; info.
        if (!ts.isArrowFunction(where.fn) && where.fn.asteriskToken) {
          report(expression, 'returnInAsyncGenerator', { where: sees ? `inside '${sees.block}'` : `in the scope of '${disposal!.name}'` }, 'info');
          return;
        }
        // Severity carries the risk: past a catch the rejection still reaches the caller (only this
        // handler misses it): info. A finally or a disposal that runs before the promise settles
        // releases what it still uses: warning.
        if (sees?.handler === 'catch') report(expression, 'returnInTry', { block: sees.block }, 'info');
        else if (sees) report(expression, 'returnInTryFinally', { block: sees.block });
        else report(expression, 'returnInUsingScope', { name: disposal!.name, keyword: disposal!.keyword });
      },
    };
  },
});

function isLogical(e: ts.Expression): e is ts.BinaryExpression {
  if (!ts.isBinaryExpression(e)) return false;
  return isLogicalOperator(e.operatorToken.kind);
}

/** A logical expression tested as a whole: the test of if/while/do/for/?:, or the operand of `!`, or nested in one. */
function isTestPosition(node: ts.Expression): boolean {
  const outer = skipParenthesesUp(node);
  const parent = outer.parent;
  if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === outer;
  if (ts.isForStatement(parent)) return parent.condition === outer;
  if (ts.isConditionalExpression(parent)) return parent.condition === outer;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(parent) && isLogical(parent)) return isTestPosition(parent);
  return false;
}

/** Identifies "property `name` of the variable `receiver`" across the file; other receivers never match. */
function expandoKey(receiver: ts.Expression, name: string, context: RuleContext): string | undefined {
  const inner = skipParenthesesDown(receiver);
  const symbol = ts.isIdentifier(inner) ? context.checker.getSymbolAtLocation(inner) : undefined;
  if (!symbol) return undefined;
  return `${symbolIds.get(symbol) ?? nextSymbolId(symbol)}.${name}`;
}

const symbolIds = new WeakMap<ts.Symbol, number>();
let symbolCounter = 0;
function nextSymbolId(symbol: ts.Symbol): number {
  const id = ++symbolCounter;
  symbolIds.set(symbol, id);
  return id;
}

/** Equality with a promise: never equal to a non-promise; relational: compares '[object Promise]'. */
function comparisonResult(operator: ts.SyntaxKind): string {
  switch (operator) {
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
    case ts.SyntaxKind.EqualsEqualsToken:
      return 'false';
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsToken:
      return 'true';
    default:
      return 'false';
  }
}

/** A value a promise can be meaningfully mistaken for: known not a promise, and not null/undefined. */
function isComparableValue(expression: ts.Expression, context: RuleContext): boolean {
  const type = context.checker.getTypeAtLocation(expression);
  if (type.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return false;
  if (type.isUnion() && type.types.some((part) => part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined))) return false;
  return context.analysis.isKnownNonThenable(expression);
}

/** `p.x = 1`, `p.x++`, `delete p.x`: writes, not reads of the value the promise will have. */
function isWriteTarget(node: ts.PropertyAccessExpression): boolean {
  const outer = skipParenthesesUp(node);
  const parent = outer.parent;
  if (ts.isBinaryExpression(parent) && parent.left === outer && isAssignmentOperator(parent.operatorToken.kind)) {
    return true;
  }
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) {
    return true;
  }
  return ts.isDeleteExpression(parent);
}

/**
 * Whether a `return` inside the same function is covered by a try that would have seen the
 * rejection: in a `try` block with a catch ('catch') or only a finally ('finally'), or in a catch
 * block followed by a finally ('finally').
 */
function tryThatSeesReturn(node: ts.ReturnStatement): { block: 'try' | 'catch'; handler: 'catch' | 'finally' } | undefined {
  let child: ts.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (ts.isFunctionLike(current) || ts.isClassLike(current)) return undefined;
    if (ts.isTryStatement(current)) {
      if (child === current.tryBlock) return { block: 'try', handler: current.catchClause ? 'catch' : 'finally' };
      if (child === current.catchClause && current.finallyBlock) return { block: 'catch', handler: 'finally' };
    }
  }
  return undefined;
}

/**
 * The nearest `using` / `await using` declaration (in the same function) whose scope holds the
 * return and which comes before it: the resource is disposed when the function returns, before a
 * returned promise settles (typescript-eslint's return-await checks the same scopes).
 */
function usingInScope(node: ts.ReturnStatement): { name: string; keyword: string } | undefined {
  const found = (list: ts.VariableDeclarationList | undefined): { name: string; keyword: string } | undefined => {
    if (!list || !(list.flags & ts.NodeFlags.Using)) return undefined;
    const keyword = (list.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing ? 'await using' : 'using';
    const declaration = list.declarations[0];
    return declaration ? { name: declaration.name.getText(), keyword } : undefined;
  };
  let child: ts.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (ts.isFunctionLike(current) || ts.isClassLike(current) || ts.isSourceFile(current)) return undefined;
    if (ts.isBlock(current) || ts.isCaseClause(current) || ts.isDefaultClause(current)) {
      const statements = current.statements;
      for (let index = statements.indexOf(child as ts.Statement) - 1; index >= 0; index--) {
        const statement = statements[index];
        const hit = ts.isVariableStatement(statement) ? found(statement.declarationList) : undefined;
        if (hit) return hit;
      }
    } else if (ts.isCaseBlock(current)) {
      // A `using` in an earlier case clause is in scope of the later ones (one block).
      for (const clause of current.clauses) {
        if (clause === child) break;
        for (const statement of clause.statements) {
          const hit = ts.isVariableStatement(statement) ? found(statement.declarationList) : undefined;
          if (hit) return hit;
        }
      }
    } else if ((ts.isForOfStatement(current) || ts.isForStatement(current) || ts.isForInStatement(current)) && child === current.statement) {
      const initializer = ts.isForStatement(current) ? current.initializer : current.initializer;
      const hit = initializer && ts.isVariableDeclarationList(initializer) ? found(initializer) : undefined;
      if (hit) return hit;
    }
  }
  return undefined;
}

function awaitFixes(expression: ts.Expression, context: RuleContext): Fix[] {
  const where = awaitContext(expression);
  if (!where) return [];
  // `if (!(await save()))` with save(): Promise<void> is TS1345 (void tested for truthiness): the test itself is the mistake.
  if (isTruthinessTest(expression) && resolvesToVoid(expression, context.checker)) return [];
  if (where.async) return [{ title: 'Add await', kind: 'suggestion', preferred: true, edits: addAwaitEdits(expression) }];
  const asyncEdits = makeAsyncEdits(where.fn, context.checker);
  if (!asyncEdits) return [];
  return [
    {
      title: `Make ${functionLabel(where.fn)} async and add await`,
      kind: 'suggestion',
      edits: [...asyncEdits, ...addAwaitEdits(expression)],
    },
  ];
}

/**
 * `let cached: Promise<T>;` (or a class property without initialiser) read before anything is
 * assigned is undefined whatever its annotation says: `if (!cached) cached = load();` is the lazy
 * initialisation idiom (found in rxjs), not a promise tested by mistake.
 */
function mayBeUninitialised(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  // Any receiver: `other.pending` reads the same field as `this.pending`.
  const name = ts.isIdentifier(expression) ? expression : ts.isPropertyAccessExpression(expression) ? expression.name : undefined;
  const declaration = name && checker.getSymbolAtLocation(name)?.valueDeclaration;
  if (!declaration) return false;
  if (ts.isVariableDeclaration(declaration)) {
    return !declaration.initializer && ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) === 0 && !ts.isForOfStatement(declaration.parent.parent) && !ts.isForInStatement(declaration.parent.parent);
  }
  return ts.isPropertyDeclaration(declaration) && !declaration.initializer;
}

const promiseRebinding = new WeakMap<ts.SourceFile, boolean>();

/**
 * A JavaScript file that binds its own `Promise` at top level (`const { Promise } = require('./Promise')`,
 * as workerpool does): JSDoc's `{Promise}` there is the library's own class with more members, not
 * the global one the checker resolves it to, so "Promise has no member" cannot be trusted.
 */
function rebindsPromise(sourceFile: ts.SourceFile): boolean {
  let known = promiseRebinding.get(sourceFile);
  if (known === undefined) {
    known = isJavaScriptFile(sourceFile) && sourceFile.statements.some(bindsPromise);
    promiseRebinding.set(sourceFile, known);
  }
  return known;
}

function bindsPromise(statement: ts.Statement): boolean {
  const isPromiseName = (name: ts.BindingName | undefined): boolean =>
    !!name &&
    (ts.isIdentifier(name) ? name.text === 'Promise' : name.elements.some((element) => !ts.isOmittedExpression(element) && isPromiseName(element.name)));
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some((declaration) => isPromiseName(declaration.name));
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) return statement.name?.text === 'Promise';
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
    return clause?.name?.text === 'Promise' || named.some((element) => element.name.text === 'Promise');
  }
  return false;
}

/** Where only the value's truthiness is used: `!x`, a condition, the left of `&&`/`||`. */
function isTruthinessTest(expression: ts.Expression): boolean {
  const outer = skipParenthesesUp(expression);
  const parent = outer.parent;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === outer;
  if (ts.isForStatement(parent)) return parent.condition === outer;
  if (ts.isConditionalExpression(parent)) return parent.condition === outer;
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    return (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) && (parent.left === outer || isTruthinessTest(parent));
  }
  return false;
}

function resolvesToVoid(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  const awaited = checker.getAwaitedType(checker.getTypeAtLocation(expression));
  return !!awaited && (awaited.flags & ts.TypeFlags.Void) !== 0;
}
