// Transitive blocking: which project functions may block the event loop when called, and through
// which chain of synchronous calls. One summary per function declaration, cached across analyses
// and invalidated when any file the summary looked at was re-parsed (a new SourceFile object).
import { ts } from '../compiler';
import { resolveAlias } from './aliases';
import { ApiResolver } from './apis';
import { BlockingApi, BlockingCatalogue } from './catalogue';
import { schedulingReason } from './eventLoop';
import { FunctionLike, callReceivingArgument, isAsyncFunction, isFunctionLike, skipParenthesesDown } from './functions';

/** One step of a chain: the call made inside a function, down to the blocking API. */
export interface ChainStep {
  call: ts.CallExpression | ts.NewExpression;
  /** The function the call is made in (undefined for the call the diagnostic sits on). */
  callee?: FunctionLike;
  label: string;
}

export interface BlockingChain {
  api: BlockingApi;
  /** From the first helper call down to the blocking API call, inclusive. */
  steps: ChainStep[];
}

interface Summary {
  chain: BlockingChain | null;
  /** Source files read to compute it; any of them re-parsed makes the summary stale. */
  files: Set<ts.SourceFile>;
}

/** Chains deeper than this are not followed (and not reported): keeps worst cases bounded. */
const MAX_DEPTH = 12;

export class BlockingSummaries {
  private readonly summaries = new WeakMap<ts.Node, Summary>();
  private readonly inProgress = new Set<ts.Node>();
  private program: ts.Program | undefined;
  private checker: ts.TypeChecker | undefined;
  private apis: ApiResolver | undefined;
  /** Summaries depend on the catalogue: one BlockingSummaries per blocking config (the engine keeps them by fingerprint). */
  private catalogue: BlockingCatalogue | undefined;
  /** Number of function summaries computed (not served from the cache): for the incremental tests. */
  computed = 0;

  /** Points the summaries at the current program; summaries of unchanged files stay valid. */
  use(program: ts.Program, apis: ApiResolver, catalogue = BlockingCatalogue.DEFAULT): void {
    if (this.catalogue && this.catalogue.fingerprint !== catalogue.fingerprint) throw new Error('blocking summaries are kept per catalogue: one BlockingSummaries per blocking config');
    this.program = program;
    this.checker = program.getTypeChecker();
    this.apis = apis;
    this.catalogue = catalogue;
  }

  /** The chain through which calling `call` reaches a blocking API, when it goes through a project function. */
  chainForCall(call: ts.CallExpression | ts.NewExpression): BlockingChain | undefined {
    const target = this.projectFunctionCalledBy(call);
    if (!target) return undefined;
    const chain = this.summaryOf(target, 0).chain;
    if (!chain) return undefined;
    return { api: chain.api, steps: [{ call, label: describeCall(call) }, ...chain.steps] };
  }

  private summaryOf(fn: FunctionLike, depth: number): Summary {
    const cached = this.summaries.get(fn);
    if (cached && this.isFresh(cached)) return cached;
    if (this.inProgress.has(fn) || depth > MAX_DEPTH) return { chain: null, files: new Set() }; // recursion ends here
    this.inProgress.add(fn);
    try {
      const summary = this.compute(fn, depth);
      this.computed++;
      this.summaries.set(fn, summary);
      return summary;
    } finally {
      this.inProgress.delete(fn);
    }
  }

  private compute(fn: FunctionLike, depth: number): Summary {
    const files = new Set<ts.SourceFile>([fn.getSourceFile()]);
    let chain: BlockingChain | null = null;
    const visit = (node: ts.Node): void => {
      if (chain) return;
      if (isFunctionLike(node) && !runsSynchronouslyHere(node)) return;
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const direct = this.directBlockingApi(node);
        if (direct) {
          chain = { api: direct, steps: [{ call: node, callee: fn, label: describeCall(node) }] };
          return;
        }
        const target = this.projectFunctionCalledBy(node);
        if (target && target !== fn) {
          const inner = this.summaryOf(target, depth + 1);
          for (const file of inner.files) files.add(file);
          if (inner.chain) {
            chain = { api: inner.chain.api, steps: [{ call: node, callee: fn, label: describeCall(node) }, ...inner.chain.steps] };
            return;
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body); // the body itself: an arrow's expression body may be the blocking call
    return { chain, files };
  }

  private directBlockingApi(call: ts.CallExpression | ts.NewExpression): BlockingApi | undefined {
    const api = this.apis?.resolveCall(call);
    const entry = api && (this.catalogue ?? BlockingCatalogue.DEFAULT).lookup(api);
    if (!entry || entry.strictOnly || entry.condition) return undefined; // conditional APIs are judged at the call site only
    return entry;
  }

  /** The synchronous project function a call invokes: declarations, consts holding arrows, methods via the receiver's type. */
  private projectFunctionCalledBy(call: ts.CallExpression | ts.NewExpression): FunctionLike | undefined {
    if (!this.checker) return undefined;
    const callee = skipParenthesesDown(call.expression);
    const location = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    let symbol = this.checker.getSymbolAtLocation(location);
    symbol = resolveAlias(this.checker, symbol);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!declaration) return undefined;
    const sourceFile = declaration.getSourceFile();
    if (sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/')) return undefined;
    let fn: ts.Node | undefined = declaration;
    if (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) {
      fn = declaration.initializer && skipParenthesesDown(declaration.initializer);
    }
    if (ts.isNewExpression(call) && fn && ts.isClassDeclaration(fn)) fn = fn.members.find(ts.isConstructorDeclaration);
    if (!fn || !isFunctionLike(fn) || isAsyncFunction(fn) || !fn.body || isGenerator(fn)) return undefined;
    return fn;
  }

  private isFresh(summary: Summary): boolean {
    for (const file of summary.files) {
      if (this.program?.getSourceFile(file.fileName) !== file) return false;
    }
    return true;
  }
}

function isGenerator(fn: FunctionLike): boolean {
  return (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && !!fn.asteriskToken;
}

/** A nested function runs as part of its parent only when handed to a synchronous call (`map`, `forEach`...). */
export function runsSynchronouslyHere(fn: FunctionLike): boolean {
  const receiving = callReceivingArgument(fn);
  if (!receiving || isAsyncFunction(fn)) return false;
  return !schedulingReason(receiving.call, receiving.index);
}

function describeCall(call: ts.CallExpression | ts.NewExpression): string {
  const text = skipParenthesesDown(call.expression).getText();
  return `${text.length > 60 ? `${text.slice(0, 57)}...` : text}()`;
}
