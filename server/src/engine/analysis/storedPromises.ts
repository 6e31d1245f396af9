// Stored promises that are dropped: `const p = fetchUser(id);` and then, on some path to the end
// of the variable's scope, no `await p`, `return p`, `p.then/catch`, nor any other use that hands
// the promise on. A forward "may still be unhandled" analysis over the statements after the
// declaration: branches join, loops may run zero times, `return`/`throw`/`break`/`continue` that
// leave the scope are exits, `try/catch/finally` route throws.
//
// What counts as handling: any use of the variable as a value (awaited, returned, a method called
// on it, passed to a call, stored in an object or array, assigned elsewhere, yielded, voided,
// exported, captured by a closure), except truthiness and identity tests (`if (p)`, `!p`,
// `p === q`, `typeof p`). Expressions are atomic: a use anywhere inside a statement (even on one
// side of `&&`) handles it at that statement, which errs towards silence.
//
// Not analysed (never reported): `var`, destructuring, `let` variables written after their
// declaration, variables used from a hoisted function declaration, exported or script-global
// variables.
import { ts } from '../compiler';
import { isFunctionLike, isNullishLiteral, skipParenthesesDown, skipParenthesesUp } from './functions';
import { isAssignmentOperator } from './operators';

export type ExitKind = 'return' | 'throw' | 'break' | 'continue' | 'end';

export interface UnhandledExit {
  kind: ExitKind;
  /** The statement that leaves the scope, or the scope's last token for 'end'. */
  node: ts.Node;
  /** For 'end': what ends (the function, a block, the module). */
  scope?: 'function' | 'block' | 'module';
}

export interface StoredPromiseResult {
  exits: UnhandledExit[];
  /** Every reference to the variable after its declaration (for fixes). */
  references: ts.Identifier[];
}

interface Jump {
  kind: 'return' | 'throw' | 'break' | 'continue';
  node: ts.Node;
  /** The statement a break/continue goes to (a loop, switch or label). */
  target?: ts.Node;
}

/** Result of running one statement entered with the promise unhandled. */
interface Flow {
  /** Can it complete normally with the promise still unhandled? */
  out: boolean;
  /** Jumps taken with the promise still unhandled. */
  jumps: Jump[];
  /** Did something that may throw run while the promise was unhandled (a call, await, member read, throw)? */
  mayThrow: boolean;
}

const NONE: Flow = { out: false, jumps: [], mayThrow: false };

/**
 * The declaration's variable is a stored promise (checked by the caller): where can it reach the
 * end of its scope unhandled? Undefined when the variable is out of scope for this analysis.
 */
export function unhandledExits(declaration: ts.VariableDeclaration, checker: ts.TypeChecker): StoredPromiseResult | undefined {
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list)) return undefined;
  const flags = list.flags & ts.NodeFlags.BlockScoped;
  if (flags !== ts.NodeFlags.Const && flags !== ts.NodeFlags.Let) return undefined;
  const statement = list.parent;
  if (!ts.isVariableStatement(statement)) return undefined;
  if (statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword || modifier.kind === ts.SyntaxKind.DeclareKeyword)) return undefined;

  const region = regionAfter(statement);
  if (!region) return undefined;
  const symbol = checker.getSymbolAtLocation(declaration.name);
  if (!symbol) return undefined;
  const name = declaration.name.text;

  // References: every identifier of that name in the scope that resolves to the variable.
  const references: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && isReferenceTo(node, symbol, checker)) references.push(node);
    ts.forEachChild(node, visit);
  };
  visit(region.scope);

  const handling: ts.Identifier[] = [];
  for (const reference of references) {
    if (isWrite(reference)) return undefined; // a `let` given another value: not followed
    if (isTest(reference, checker)) continue;
    // Outside the statements after the declaration (a hoisted function declared earlier, a later
    // declarator of the same statement handled below) or inside a function declaration (callable
    // from anywhere): treated as handled on every path.
    const inRegion = region.statements.some((s) => s.pos <= reference.pos && reference.end <= s.end);
    if (!inRegion || insideFunctionDeclaration(reference, region.scope)) return { exits: [], references };
    handling.push(reference);
  }
  // `const p = f(), q = wrap(p);`
  if (list.declarations.some((other) => other !== declaration && other.pos > declaration.pos && handling.some((r) => other.pos <= r.pos && r.end <= other.end))) {
    return { exits: [], references };
  }

  const analyzer = new Analyzer(handling, (reference) => references.includes(reference), checker);
  const flow = analyzer.sequence(region.statements);
  const exits: UnhandledExit[] = [];
  for (const jump of flow.jumps) exits.push({ kind: jump.kind, node: jump.node });
  if (flow.out) exits.push({ kind: 'end', node: region.end, scope: region.kind });
  exits.sort((a, b) => a.node.getStart() - b.node.getStart());
  return { exits, references };
}

interface Region {
  /** The node that bounds the variable's scope. */
  scope: ts.Node;
  /** The statements that run after the declaration, in order. */
  statements: readonly ts.Statement[];
  /** Where falling off the end happens (a closing brace or the end of the file). */
  end: ts.Node;
  kind: 'function' | 'block' | 'module';
}

function regionAfter(statement: ts.VariableStatement): Region | undefined {
  const parent = statement.parent;
  if (ts.isBlock(parent)) {
    const index = parent.statements.indexOf(statement);
    const closing = parent.getChildren().find((child) => child.kind === ts.SyntaxKind.CloseBraceToken) ?? parent;
    return { scope: parent, statements: parent.statements.slice(index + 1), end: closing, kind: isFunctionLike(parent.parent) ? 'function' : 'block' };
  }
  if (ts.isSourceFile(parent)) {
    if (!ts.isExternalModule(parent)) return undefined; // a script's top-level names are globals
    const index = parent.statements.indexOf(statement);
    return { scope: parent, statements: parent.statements.slice(index + 1), end: parent.endOfFileToken, kind: 'module' };
  }
  if (ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
    // Scoped to the whole case block; later clauses are reached by falling through.
    const block = parent.parent;
    const clauseIndex = block.clauses.indexOf(parent);
    const rest = [...parent.statements.slice(parent.statements.indexOf(statement) + 1), ...block.clauses.slice(clauseIndex + 1).flatMap((clause) => [...clause.statements])];
    const closing = block.getChildren().find((child) => child.kind === ts.SyntaxKind.CloseBraceToken) ?? block;
    return { scope: block, statements: rest, end: closing, kind: 'block' };
  }
  return undefined;
}

function isReferenceTo(identifier: ts.Identifier, symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  const parent = identifier.parent;
  if (ts.isExportSpecifier(parent)) return (parent.propertyName ?? parent.name) === identifier && checker.getExportSpecifierLocalTargetSymbol(parent) === symbol;
  if (ts.isShorthandPropertyAssignment(parent) && parent.name === identifier) return checker.getShorthandAssignmentValueSymbol(parent) === symbol;
  return checker.getSymbolAtLocation(identifier) === symbol;
}

/** `p = x`, `p += x`, `p++`, `[p] = xs`, `({ p } = o)`, `for (p of xs)`. */
export function isVariableWrite(reference: ts.Identifier): boolean {
  return isWrite(reference);
}

function isWrite(reference: ts.Identifier): boolean {
  let node: ts.Node = skipParenthesesUp(reference);
  for (;;) {
    const parent = node.parent;
    if (ts.isBinaryExpression(parent)) {
      return parent.left === node && isAssignmentOperator(parent.operatorToken.kind);
    }
    if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
      return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
    }
    if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === node) return true;
    // Climb through destructuring patterns written as literals.
    if (
      ts.isArrayLiteralExpression(parent) ||
      ts.isSpreadElement(parent) ||
      ts.isSpreadAssignment(parent) ||
      (ts.isShorthandPropertyAssignment(parent) && parent.name === node) ||
      (ts.isPropertyAssignment(parent) && parent.initializer === node) ||
      ts.isObjectLiteralExpression(parent) ||
      ts.isParenthesizedExpression(parent)
    ) {
      node = parent;
      continue;
    }
    return false;
  }
}

/**
 * Uses that look at the promise without taking it anywhere: `if (p)`, `!p`, `p === q`, `typeof p`,
 * types, and the promise tests `typeof p.then === 'function'` and `isPromise(p)` (a type guard).
 */
function isTest(reference: ts.Identifier, checker: ts.TypeChecker): boolean {
  const outer = skipParenthesesUp(reference);
  const parent = outer.parent;
  if (ts.isTypeQueryNode(parent) || ts.isQualifiedName(parent)) return true;
  if (ts.isTypeOfExpression(parent)) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === outer && parent.name.text === 'then' && ts.isTypeOfExpression(skipParenthesesUp(parent).parent)) return true;
  if (ts.isCallExpression(parent) && promiseGuardArgument(parent, checker) === outer) return true;
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
  if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === outer) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === outer) return true;
  if (ts.isBinaryExpression(parent)) {
    switch (parent.operatorToken.kind) {
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      case ts.SyntaxKind.EqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsToken:
        return true;
      case ts.SyntaxKind.InstanceOfKeyword:
        return parent.left === outer;
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return parent.left === outer; // `p && x`: a presence test
      default:
        return false;
    }
  }
  return false;
}

function insideFunctionDeclaration(node: ts.Node, scope: ts.Node): boolean {
  for (let current = node.parent; current && current !== scope; current = current.parent) {
    if (ts.isFunctionDeclaration(current)) return true;
  }
  return false;
}

/** `while (true)`, `for (;;)`, `do ... while (true)`. */
function isAlwaysTrue(condition: ts.Expression | undefined): boolean {
  return !condition || skipParenthesesDown(condition).kind === ts.SyntaxKind.TrueKeyword;
}

/** Can evaluating this node throw? Calls, `new`, `await`, member reads, `yield`, tagged templates (not inside nested functions). */
function mayThrow(node: ts.Node | undefined): boolean {
  if (!node) return false;
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found || isFunctionLike(child) || ts.isClassLike(child)) return;
    if (
      ts.isCallExpression(child) ||
      ts.isNewExpression(child) ||
      ts.isAwaitExpression(child) ||
      ts.isPropertyAccessExpression(child) ||
      ts.isElementAccessExpression(child) ||
      ts.isYieldExpression(child) ||
      ts.isTaggedTemplateExpression(child) ||
      ts.isThrowStatement(child)
    ) {
      found = true;
      return;
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

class Analyzer {
  constructor(
    private readonly handling: readonly ts.Identifier[],
    private readonly isReference: (identifier: ts.Identifier) => boolean,
    private readonly checker: ts.TypeChecker,
  ) {}

  /** Does evaluating `node` (an expression, or a statement's own expression) hand the promise on? */
  private handles(node: ts.Node | undefined): boolean {
    if (!node) return false;
    return this.handling.some((reference) => node.pos <= reference.pos && reference.end <= node.end);
  }

  /** Evaluates expressions in order; returns the flow so far, or undefined when one handles the promise. */
  private evaluate(...nodes: (ts.Node | undefined)[]): Flow | undefined {
    let throws = false;
    for (const node of nodes) {
      throws ||= mayThrow(node);
      if (this.handles(node)) return undefined;
    }
    return { out: true, jumps: [], mayThrow: throws };
  }

  sequence(statements: readonly ts.Statement[]): Flow {
    const jumps: Jump[] = [];
    let throws = false;
    for (const statement of statements) {
      if (ts.isFunctionDeclaration(statement)) continue; // hoisted; its uses were handled up front
      const flow = this.statement(statement);
      jumps.push(...flow.jumps);
      throws ||= flow.mayThrow;
      if (!flow.out) return { out: false, jumps, mayThrow: throws };
    }
    return { out: true, jumps, mayThrow: throws };
  }

  private statement(node: ts.Statement): Flow {
    switch (node.kind) {
      case ts.SyntaxKind.Block:
        return this.sequence((node as ts.Block).statements);
      case ts.SyntaxKind.ExpressionStatement:
        return this.evaluate((node as ts.ExpressionStatement).expression) ?? NONE;
      case ts.SyntaxKind.VariableStatement:
        return this.evaluate(node) ?? NONE;
      case ts.SyntaxKind.ReturnStatement:
      case ts.SyntaxKind.ThrowStatement: {
        const expression = (node as ts.ReturnStatement | ts.ThrowStatement).expression;
        if (this.handles(expression)) return NONE;
        const kind = node.kind === ts.SyntaxKind.ReturnStatement ? 'return' : 'throw';
        return { out: false, jumps: [{ kind, node }], mayThrow: kind === 'throw' || mayThrow(expression) };
      }
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement:
        return { out: false, jumps: [{ kind: node.kind === ts.SyntaxKind.BreakStatement ? 'break' : 'continue', node, target: jumpTarget(node as ts.BreakOrContinueStatement) }], mayThrow: false };
      case ts.SyntaxKind.IfStatement:
        return this.ifStatement(node as ts.IfStatement);
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.DoStatement:
        return this.loop(node as ts.IterationStatement);
      case ts.SyntaxKind.SwitchStatement:
        return this.switchStatement(node as ts.SwitchStatement);
      case ts.SyntaxKind.TryStatement:
        return this.tryStatement(node as ts.TryStatement);
      case ts.SyntaxKind.LabeledStatement: {
        const inner = this.statement((node as ts.LabeledStatement).statement);
        const breaks = inner.jumps.filter((jump) => jump.kind === 'break' && jump.target === node);
        return { out: inner.out || breaks.length > 0, jumps: inner.jumps.filter((jump) => !breaks.includes(jump)), mayThrow: inner.mayThrow };
      }
      case ts.SyntaxKind.EmptyStatement:
      case ts.SyntaxKind.DebuggerStatement:
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        return { out: true, jumps: [], mayThrow: false };
      default:
        // Classes, imports/exports, `with`, enums, namespaces: a use anywhere inside handles it.
        return this.evaluate(node) ?? NONE;
    }
  }

  private ifStatement(node: ts.IfStatement): Flow {
    const condition = this.evaluate(node.expression);
    if (!condition) return NONE;
    // A branch where the condition proves the variable holds no promise has nothing to hand on.
    const proof = noPromiseProof(node.expression, this.isReference, this.checker);
    const whenTrue = proof.whenTrue ? NONE : this.statement(node.thenStatement);
    const whenFalse = proof.whenFalse ? NONE : node.elseStatement ? this.statement(node.elseStatement) : { out: true, jumps: [], mayThrow: false };
    return {
      out: whenTrue.out || whenFalse.out,
      jumps: [...whenTrue.jumps, ...whenFalse.jumps],
      mayThrow: condition.mayThrow || whenTrue.mayThrow || whenFalse.mayThrow,
    };
  }

  private loop(node: ts.IterationStatement): Flow {
    let before: Flow | undefined;
    let infinite = false;
    if (ts.isWhileStatement(node)) {
      before = this.evaluate(node.expression);
      infinite = isAlwaysTrue(node.expression);
    } else if (ts.isForStatement(node)) {
      before = this.evaluate(node.initializer, node.condition);
      infinite = isAlwaysTrue(node.condition);
      // The incrementor runs between iterations: a use there counts as a use inside the body.
      if (before && this.handles(node.incrementor)) return { ...before, out: false };
    } else if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
      before = this.evaluate(node.expression);
    } else {
      before = { out: true, jumps: [], mayThrow: false };
    }
    if (!before) return NONE;
    const body = this.statement(node.statement);
    const own = (jump: Jump): boolean => jump.target === node || (ts.isLabeledStatement(node.parent) && jump.target === node.parent && jump.kind === 'continue');
    const breaks = body.jumps.filter((jump) => jump.kind === 'break' && own(jump));
    const continues = body.jumps.filter((jump) => jump.kind === 'continue' && own(jump));
    const jumps = body.jumps.filter((jump) => !breaks.includes(jump) && !continues.includes(jump));
    const throws = before.mayThrow || body.mayThrow;
    if (ts.isDoStatement(node)) {
      const reachesCondition = body.out || continues.length > 0;
      const conditionHandles = this.handles(node.expression);
      const out = breaks.length > 0 || (reachesCondition && !conditionHandles && !isAlwaysTrue(node.expression));
      return { out, jumps, mayThrow: throws };
    }
    // Zero iterations leave it unhandled, unless the loop only ends by `break`.
    return { out: breaks.length > 0 || !infinite, jumps, mayThrow: throws };
  }

  private switchStatement(node: ts.SwitchStatement): Flow {
    const discriminant = this.evaluate(node.expression);
    if (!discriminant) return NONE;
    const jumps: Jump[] = [];
    let throws = discriminant.mayThrow;
    let out = !node.caseBlock.clauses.some(ts.isDefaultClause);
    let fallsThrough = false;
    for (const clause of node.caseBlock.clauses) {
      // Each clause is entered unhandled from the discriminant (a case test using it would handle it first).
      if (ts.isCaseClause(clause) && this.handles(clause.expression)) {
        fallsThrough = false;
        continue;
      }
      const flow = this.sequence(clause.statements);
      jumps.push(...flow.jumps);
      throws ||= flow.mayThrow;
      fallsThrough = flow.out;
    }
    out ||= fallsThrough;
    const breaks = jumps.filter((jump) => jump.kind === 'break' && jump.target === node);
    return { out: out || breaks.length > 0, jumps: jumps.filter((jump) => !breaks.includes(jump)), mayThrow: throws };
  }

  private tryStatement(node: ts.TryStatement): Flow {
    const tried = this.statement(node.tryBlock);
    let out = tried.out;
    let jumps = tried.jumps;
    let throws = tried.mayThrow;
    if (node.catchClause) {
      // A throw inside `try` goes to the catch block; it runs unhandled only if something could
      // throw while the promise was still unhandled.
      jumps = jumps.filter((jump) => jump.kind !== 'throw');
      throws = false;
      if (tried.mayThrow) {
        const caught = this.statement(node.catchClause.block);
        out ||= caught.out;
        jumps = [...jumps, ...caught.jumps];
        throws = caught.mayThrow;
      }
    }
    if (node.finallyBlock && (out || jumps.length > 0 || throws)) {
      const final = this.statement(node.finallyBlock);
      if (!final.out) {
        // The finally block handles it (or never completes): whatever passed through is handled.
        return { out: false, jumps: final.jumps, mayThrow: final.mayThrow };
      }
      return { out, jumps: [...jumps, ...final.jumps], mayThrow: throws || final.mayThrow };
    }
    return { out, jumps, mayThrow: throws };
  }
}

/** The loop, switch or labeled statement a break/continue goes to. */
function jumpTarget(node: ts.BreakOrContinueStatement): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current) || ts.isSourceFile(current) || ts.isClassStaticBlockDeclaration(current)) return undefined;
    if (node.label) {
      if (ts.isLabeledStatement(current) && current.label.text === node.label.text) return current;
      continue;
    }
    if (ts.isIterationStatement(current, false)) return current;
    if (ts.isSwitchStatement(current) && node.kind === ts.SyntaxKind.BreakStatement) return current;
  }
  return undefined;
}

/** Which outcomes of a condition prove the variable holds no promise (nothing to hand on there). */
interface NoPromiseProof {
  whenTrue: boolean;
  whenFalse: boolean;
}

/**
 * Narrowing that proves the variable holds no promise on one side of a condition: it is falsy or
 * nullish (`if (!p)`, `if (p == null)`: promises are truthy), or a promise test failed (`p
 * instanceof Promise`, `typeof p?.then === 'function'`, a type guard `isPromise(p)`). Combined
 * through `!`, `&&` and `||` (`r && r instanceof Promise` is false for every promise-free `r`). A
 * maybe-promise handed on only where the test passed (`if (r instanceof Promise) promises.push(r)`,
 * typeorm's subscriber broadcaster) is handed on on every path where it is a promise.
 */
function noPromiseProof(condition: ts.Expression, isReference: (identifier: ts.Identifier) => boolean, checker: ts.TypeChecker, depth = 0): NoPromiseProof {
  const NEITHER: NoPromiseProof = { whenTrue: false, whenFalse: false };
  if (depth > 16) return NEITHER;
  const e = skipParenthesesDown(condition);
  const isVariable = (node: ts.Expression): boolean => {
    const inner = skipParenthesesDown(node);
    return ts.isIdentifier(inner) && isReference(inner);
  };
  const isNullish = (node: ts.Expression): boolean => isNullishLiteral(skipParenthesesDown(node));
  if (isVariable(e)) return { whenTrue: false, whenFalse: true };
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = noPromiseProof(e.operand, isReference, checker, depth + 1);
    return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
  }
  if (ts.isCallExpression(e)) {
    const argument = promiseGuardArgument(e, checker);
    return argument && isVariable(argument) ? { whenTrue: false, whenFalse: true } : NEITHER;
  }
  if (!ts.isBinaryExpression(e)) return NEITHER;
  const operator = e.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
    const left = noPromiseProof(e.left, isReference, checker, depth + 1);
    const right = noPromiseProof(e.right, isReference, checker, depth + 1);
    return operator === ts.SyntaxKind.AmpersandAmpersandToken
      ? { whenTrue: left.whenTrue || right.whenTrue, whenFalse: left.whenFalse && right.whenFalse }
      : { whenTrue: left.whenTrue && right.whenTrue, whenFalse: left.whenFalse || right.whenFalse };
  }
  if (operator === ts.SyntaxKind.InstanceOfKeyword) {
    return isVariable(e.left) && constructsThenables(e.right, checker) ? { whenTrue: false, whenFalse: true } : NEITHER;
  }
  let equal: boolean;
  switch (operator) {
    case ts.SyntaxKind.EqualsEqualsToken:
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
      equal = true;
      break;
    case ts.SyntaxKind.ExclamationEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      equal = false;
      break;
    default:
      return NEITHER;
  }
  // `p == null`, `p === undefined`: true means nothing is there.
  if ((isVariable(e.left) && isNullish(e.right)) || (isVariable(e.right) && isNullish(e.left))) {
    return equal ? { whenTrue: true, whenFalse: false } : { whenTrue: false, whenFalse: true };
  }
  // `typeof p.then === 'function'`, `typeof p?.then !== "function"`: true means a thenable.
  const isThenTest = (node: ts.Expression): boolean => {
    const inner = skipParenthesesDown(node);
    if (!ts.isTypeOfExpression(inner)) return false;
    const read = skipParenthesesDown(inner.expression);
    return ts.isPropertyAccessExpression(read) && read.name.text === 'then' && isVariable(read.expression);
  };
  const isFunctionString = (node: ts.Expression): boolean => {
    const inner = skipParenthesesDown(node);
    return ts.isStringLiteralLike(inner) && inner.text === 'function';
  };
  if ((isThenTest(e.left) && isFunctionString(e.right)) || (isThenTest(e.right) && isFunctionString(e.left))) {
    return equal ? { whenTrue: false, whenFalse: true } : { whenTrue: true, whenFalse: false };
  }
  return NEITHER;
}

/** `Promise` (or any constructor whose instances have a `then`): the right operand of `x instanceof Promise`. */
function constructsThenables(constructor: ts.Expression, checker: ts.TypeChecker): boolean {
  const type = checker.getTypeAtLocation(constructor);
  const signatures = type.getConstructSignatures();
  if (signatures.length === 0) return ts.isIdentifier(constructor) && constructor.text === 'Promise';
  return signatures.every((signature) => checker.getReturnTypeOfSignature(signature).getProperty('then') !== undefined);
}

const PROMISE_GUARD_NAMES = /^is(Promise|PromiseLike|Thenable)$/i;

/**
 * The argument a promise test call examines: a type guard whose predicate is a thenable
 * (`isPromise(x): x is Promise<unknown>`), or in untyped code a function named `isPromise`,
 * `isThenable`, `isPromiseLike` with that argument first.
 */
function promiseGuardArgument(call: ts.CallExpression, checker: ts.TypeChecker): ts.Expression | undefined {
  const signature = checker.getResolvedSignature(call);
  const predicate = signature && checker.getTypePredicateOfSignature(signature);
  if (predicate && predicate.kind === ts.TypePredicateKind.Identifier && predicate.type) {
    const parts = predicate.type.isUnion() ? predicate.type.types : [predicate.type];
    const argument = call.arguments[predicate.parameterIndex];
    return argument && !ts.isSpreadElement(argument) && parts.every((part) => checker.getApparentType(part).getProperty('then') !== undefined) ? argument : undefined;
  }
  const callee = skipParenthesesDown(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const [first] = call.arguments;
  return name !== undefined && PROMISE_GUARD_NAMES.test(name) && first && !ts.isSpreadElement(first) ? first : undefined;
}
