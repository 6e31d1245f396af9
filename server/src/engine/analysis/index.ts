// One Analysis per checked file and program: the shared questions rules ask, with their caches.
import { ts } from '../compiler';
import { ApiResolver } from './apis';
import { BlockingSummaries } from './callGraph';
import { BlockingCatalogue } from './catalogue';
import { EventLoopAnalysis } from './eventLoop';
import { isArrayOfThenables, isKnownNonThenable, isThenableType } from './promises';

/**
 * `checker` is the one the engine hands the rules: it records what it is asked and answers for the
 * per-unit cache (unitReads.ts), so helpers here ask it, not program.getTypeChecker().
 */
export class Analysis {
  readonly apis: ApiResolver;
  readonly eventLoop: EventLoopAnalysis;
  /** Transitive blocking summaries; shared across analyses so unchanged functions are not recomputed. */
  readonly blocking: BlockingSummaries;
  constructor(
    readonly checker: ts.TypeChecker,
    program?: ts.Program,
    blocking = new BlockingSummaries(),
    /** The blocking-API catalogue as the file's loopguard.json amends it. */
    readonly catalogue = BlockingCatalogue.DEFAULT,
  ) {
    this.apis = new ApiResolver(checker, (fileName, name) => catalogue.projectApi(fileName, name));
    this.eventLoop = new EventLoopAnalysis(checker);
    this.blocking = blocking;
    if (program) blocking.use(program, this.apis, catalogue);
  }

  typeOf(node: ts.Node): ts.Type {
    return this.checker.getTypeAtLocation(node);
  }

  /** True when the expression's static type is (or may be) a promise-like. */
  isThenable(node: ts.Node): boolean {
    return isThenableType(this.checker, this.typeOf(node), node);
  }

  isArrayOfThenables(node: ts.Node): boolean {
    return isArrayOfThenables(this.checker, this.typeOf(node), node);
  }

  isKnownNonThenable(node: ts.Node): boolean {
    return isKnownNonThenable(this.checker, this.typeOf(node), node);
  }
}

export * from './apis';
export * from './callGraph';
export * from './catalogue';
export * from './eventLoop';
export * from './functions';
export * from './promises';
export * from './references';
