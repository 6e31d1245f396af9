// Which event-loop code reaches a blocking call made in a synchronous project function: the
// reverse of callGraph.ts. blocking-call reports a blocking root once, at the root, with the
// event-loop entries that reach it (through any chain of synchronous project functions) as related
// locations, instead of once per calling site. The search follows references by symbol across the
// whole program: calls of the function, and the function passed by name to a synchronous
// higher-order call (`paths.map(readJson)`). References of any other kind (stored, exported in an
// object, handed to unknown code) are not followed: what they reach is unknown, and a miss costs
// less than a false alarm.
import { ts } from '../compiler';
import { resolveAlias } from './aliases';
import { EventLoopAnalysis, EventLoopContext } from './eventLoop';
import { FunctionLike, callReceivingArgument, calleeName, enclosingFunction, isAsyncFunction, skipParenthesesUp } from './functions';
import { runsSynchronouslyHere } from './callGraph';
import { isTestFile } from './testFrameworks';
import { Memoisation, memoisationOf } from './memoised';
import { isJavaScriptFile } from './sourceFiles';
import { noteProjectWideRead } from './projectReads';

/** One way event-loop code reaches the root: the call (or reference) made in event-loop code. */
export interface LoopEntry {
  /** The call of a project function (or the reference passed to `map`...) made in event-loop code. */
  site: ts.Node;
  context: EventLoopContext;
  /** The project function that site calls. */
  callee: FunctionLike;
  /** Set when a call on the way from the root to this entry is memoised (`if (!x) x = helper()`): the root runs once per key/process on this path. */
  memo?: Memoisation;
}

/** Array methods that call their callback before returning. */
const SYNC_HIGHER_ORDER = new Set([
  'map', 'forEach', 'reduce', 'reduceRight', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'sort',
]);

/** Chains longer than this are not followed (as in callGraph.ts). */
const MAX_DEPTH = 12;

const perProgram = new WeakMap<ts.Program, BlockingReach>();

export function blockingReachFor(program: ts.Program, eventLoop: EventLoopAnalysis): BlockingReach {
  // Its answers depend on every file of the program (any file may call the function).
  noteProjectWideRead();
  let reach = perProgram.get(program);
  if (!reach) {
    reach = new BlockingReach(program, eventLoop);
    perProgram.set(program, reach);
  }
  return reach;
}

export class BlockingReach {
  private readonly checker: ts.TypeChecker;
  private readonly entries = new Map<FunctionLike, LoopEntry[]>();

  constructor(private readonly program: ts.Program, private readonly eventLoop: EventLoopAnalysis) {
    this.checker = program.getTypeChecker();
  }

  /** The event-loop sites that reach `fn` through synchronous project code, in program order. */
  entriesReaching(fn: FunctionLike): LoopEntry[] {
    let found = this.entries.get(fn);
    if (!found) {
      found = this.search(fn);
      this.entries.set(fn, found);
    }
    return found;
  }

  private search(root: FunctionLike): LoopEntry[] {
    const result: LoopEntry[] = [];
    const visited = new Set<FunctionLike>([root]);
    const memoOnPath = new Map<FunctionLike, Memoisation>();
    let level: FunctionLike[] = [root];
    for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
      const next: FunctionLike[] = [];
      for (const fn of level) {
        for (const site of this.sitesCalling(fn)) {
          // A test's blocking call stalls nothing but the test (blocking-call leaves test files alone).
          if (isTestFile(site.getSourceFile(), this.checker)) continue;
          const memo = memoOnPath.get(fn) ?? (ts.isCallExpression(site) || ts.isNewExpression(site) ? memoisationOf(site, this.checker) : undefined);
          const context = this.eventLoop.contextOf(site);
          if (context) {
            result.push({ site, context, callee: fn, ...(memo ? { memo } : {}) });
            continue;
          }
          const owner = ownerFunction(site);
          if (owner && !visited.has(owner) && !isAsyncFunction(owner) && !isGenerator(owner)) {
            visited.add(owner);
            if (memo) memoOnPath.set(owner, memo);
            next.push(owner);
          }
        }
      }
      level = next;
    }
    return result;
  }

  /** Calls of `fn`, and references to it handed to a synchronous higher-order call, anywhere in the project. */
  sitesCalling(fn: FunctionLike): ts.Node[] {
    const nameNode = declaredName(fn);
    if (!nameNode) return [];
    const target = this.symbolOf(nameNode);
    if (!target) return [];
    const name = nameNode.text;
    const sites: ts.Node[] = [];
    for (const sourceFile of this.program.getSourceFiles()) {
      if (sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/') || !sourceFile.text.includes(name)) continue;
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && node.text === name && node !== nameNode) {
          const site = siteOf(node, fn, this.checker);
          if (site && sameSymbol(this.symbolOf(node), target)) sites.push(site);
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
    return sites;
  }

  /**
   * Whether `fn` is handed to other code as a value (an argument other than to `map`/`forEach`...,
   * `.bind(...)` included), so that code may run it at any time: for initialisation.ts.
   */
  isHandedOn(fn: FunctionLike): boolean {
    const nameNode = declaredName(fn);
    if (!nameNode) return true;
    const target = this.symbolOf(nameNode);
    if (!target) return true;
    const name = nameNode.text;
    let handed = false;
    for (const sourceFile of this.program.getSourceFiles()) {
      if (handed) break;
      if (sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/') || !sourceFile.text.includes(name)) continue;
      const visit = (node: ts.Node): void => {
        if (handed) return;
        if (ts.isIdentifier(node) && node.text === name && node !== nameNode) {
          let value: ts.Node = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node;
          const bind = skipParenthesesUp(value).parent;
          if (bind && ts.isPropertyAccessExpression(bind) && bind.name.text === 'bind' && ts.isCallExpression(skipParenthesesUp(bind).parent)) value = skipParenthesesUp(bind).parent;
          const outer = skipParenthesesUp(value);
          const parent = outer.parent;
          if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== outer && !passedToSyncHigherOrder(value, this.checker) && sameSymbol(this.symbolOf(node), target)) handed = true;
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
    return handed;
  }

  private symbolOf(node: ts.Node): ts.Symbol | undefined {
    let symbol = this.checker.getSymbolAtLocation(node);
    symbol = resolveAlias(this.checker, symbol);
    return symbol;
  }
}

/**
 * The same declared symbol: a method read through some receivers (typeorm's `builder.buildMigrations()`)
 * resolves to a transient copy of the method's symbol, with the same declarations.
 */
function sameSymbol(found: ts.Symbol | undefined, target: ts.Symbol): boolean {
  if (!found) return false;
  if (found === target) return true;
  return !!(found.flags & ts.SymbolFlags.Transient) && !!found.declarations?.length && found.declarations.every((declaration) => target.declarations?.includes(declaration));
}

/** The function whose callers decide whether `node` runs on the loop: sync callbacks (`items.forEach(cb)`) run in their caller. */
export function ownerFunction(node: ts.Node): FunctionLike | undefined {
  let fn = enclosingFunction(node);
  while (fn && runsSynchronouslyHere(fn)) fn = enclosingFunction(callReceivingArgument(fn)!.call);
  return fn;
}

/**
 * A reference that calls the function: `f()`, `obj.f()`, `new C()` for a constructor, or `f`
 * passed by name (or `obj.f`, `f.bind(x)`) to an array's map/forEach/reduce/... .
 */
function siteOf(identifier: ts.Identifier, fn: FunctionLike, checker: ts.TypeChecker): ts.Node | undefined {
  let expression: ts.Node = identifier;
  if (ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier) expression = identifier.parent;
  const outer = skipParenthesesUp(expression);
  const parent = outer.parent;
  if (!parent) return undefined;
  if (ts.isConstructorDeclaration(fn)) return ts.isNewExpression(parent) && parent.expression === outer ? parent : undefined;
  if (ts.isCallExpression(parent) && parent.expression === outer) return parent;
  return passedToSyncHigherOrder(outer, checker) ? outer : undefined;
}

/** `paths.map(readJson)`, `items.forEach(this.load.bind(this))`: a function value the call runs before returning. */
export function passedToSyncHigherOrder(reference: ts.Node, checker: ts.TypeChecker): boolean {
  let argument = reference;
  const parent = argument.parent;
  // `f.bind(x)` handed on
  if (parent && ts.isPropertyAccessExpression(parent) && parent.expression === argument && parent.name.text === 'bind') {
    const bindCall = skipParenthesesUp(parent).parent;
    if (!bindCall || !ts.isCallExpression(bindCall) || bindCall.expression !== skipParenthesesUp(parent)) return false;
    argument = bindCall;
  }
  const receiving = callReceivingArgument(argument);
  if (!receiving || receiving.index !== 0 || !ts.isCallExpression(receiving.call)) return false;
  const callee = receiving.call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !SYNC_HIGHER_ORDER.has(calleeName(receiving.call) ?? '')) return false;
  const receiverType = checker.getTypeAtLocation(callee.expression);
  if (receiverType.flags & ts.TypeFlags.Any) return isJavaScriptFile(reference.getSourceFile());
  const parts = receiverType.isUnion() ? receiverType.types : [receiverType];
  return parts.every((part) => checker.isArrayType(part) || checker.isTupleType(part));
}

/** The name references use: a declaration's name, the const or property holding a function, a method's name, a constructor's class. */
function declaredName(fn: FunctionLike): ts.Identifier | undefined {
  if (ts.isConstructorDeclaration(fn)) return fn.parent.name;
  if (fn.name) return ts.isIdentifier(fn.name) ? fn.name : undefined;
  const holder = skipParenthesesUp(fn).parent;
  if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder)) && ts.isIdentifier(holder.name)) {
    return holder.name;
  }
  return undefined;
}

function isGenerator(fn: FunctionLike): boolean {
  return (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && !!fn.asteriskToken;
}

