// Is an event-loop entry initialisation code? Being inside an async function does not make a
// blocking call a request path: `async initialize() { this.options = await this.loadConfig() }`
// runs once, at start-up. blocking-call reports a blocking call reached only from initialisation
// as info. An entry is initialisation when it is an async function (not a listener, timer,
// request handler or promise reaction, which run again and again) that is
//   - named like set-up work: init*, initialize/initialise*, setup*, bootstrap*, configure*,
//     migrate*; or start*, connect*, load*, build*, register*, main without required parameters
//     (`loadUser(id)` loads per key, `load()` loads the one configuration); load/open/connect
//     followed by what a process sets up once (`loadDatabase(file)`, `loadConfig(path)`,
//     `loadPlugins(dir)`, `openDb(path)`, typeorm's SqljsEntityManager), unless a listener,
//     timer or request handler calls it;
//   - or called only (never handed on as a callback) from module top level, constructors,
//     such functions, or synchronous functions that are themselves only called from these.
// Anything unknown (no caller found in the program, a caller in a listener) is not initialisation.
import { ts } from '../compiler';
import type { EventLoopAnalysis, EventLoopContext } from './eventLoop';
import { schedulingReason } from './eventLoop';
import { FunctionLike, callReceivingArgument, functionName } from './functions';
import { BlockingReach, ownerFunction } from './blockingReach';
import { isTestFile } from './testFrameworks';

const SETUP_NAME = /^_*(init|initiali[sz]e|setup|setUp|bootstrap|configure|migrate)(?![a-z])/;
/** Loading what a process sets up once: `loadDatabase(file)`, `openDb(path)`, `loadConfig(file)`, `loadPlugins(dir)`. */
const SETUP_OBJECT_NAME = /^_*(load|open|connect)(Database|Db|Config|Configuration|Options|Settings|Schema|Env|Environment|Plugins?|Migrations?|Entities|Metadatas?)(?![a-z])/;
const SETUP_NAME_WITHOUT_KEY = /^_*(start|connect|load|build|register)(?![a-z])|^_*main$/;
const MAX_DEPTH = 12;

const perProgram = new WeakMap<ts.Program, Map<FunctionLike, boolean>>();

/** Whether the named function looks like set-up work by its name (and, for the weaker names, its parameters). */
export function isSetupNamed(fn: FunctionLike): boolean {
  if (ts.isConstructorDeclaration(fn)) return true;
  const name = functionName(fn);
  if (!name) return false;
  if (SETUP_NAME.test(name) || SETUP_OBJECT_NAME.test(name)) return true;
  return SETUP_NAME_WITHOUT_KEY.test(name) && fn.parameters.every((parameter) => !!parameter.questionToken || !!parameter.initializer || !!parameter.dotDotDotToken);
}

/** Whether the event-loop entry runs only as initialisation (see the head comment). */
export function isInitialisationEntry(context: EventLoopContext, program: ts.Program, reach: BlockingReach, eventLoop: EventLoopAnalysis): boolean {
  if (context.reason !== 'async-function') return false;
  let cache = perProgram.get(program);
  if (!cache) {
    cache = new Map();
    perProgram.set(program, cache);
  }
  return isInitialisation(context.entry, { cache, visiting: new Set(), checker: program.getTypeChecker(), reach, eventLoop }, 0);
}

/** What one question "is this function reached only from initialisation?" carries through its callers. */
interface Walk {
  cache: Map<FunctionLike, boolean>;
  visiting: Set<FunctionLike>;
  checker: ts.TypeChecker;
  reach: BlockingReach;
  eventLoop: EventLoopAnalysis;
}

function isInitialisation(fn: FunctionLike, walk: Walk, depth: number): boolean {
  const { cache, visiting } = walk;
  const cached = cache.get(fn);
  if (cached !== undefined) return cached;
  if (visiting.has(fn)) return true; // a recursive call: the other callers decide
  if (depth > MAX_DEPTH) return false;
  visiting.add(fn);
  let result: boolean;
  try {
    result = decide(fn, walk, depth);
  } finally {
    visiting.delete(fn);
  }
  if (depth === 0 || !result) cache.set(fn, result);
  return result;
}

function decide(fn: FunctionLike, walk: Walk, depth: number): boolean {
  const { checker, reach, eventLoop } = walk;
  if (isSetupNamed(fn)) {
    // Named like set-up, unless code that runs again and again calls it: a listener, a timer, a
    // request handler, written inline or handed on by name.
    if (!ts.isConstructorDeclaration(fn) && reach.isHandedOn(fn)) return false;
    return reach.sitesCalling(fn).every((site) => {
      const caller = callerOf(site);
      return caller !== null && (caller === undefined || isSetupNamed(caller) || !reach.isHandedOn(caller));
    });
  }
  // A function handed to other code (a listener, a timer, a callback) runs whenever that code calls it.
  const own = eventLoop.contextOfFunction(fn);
  if (own && own.reason !== 'async-function') return false;
  if (reach.isHandedOn(fn)) return false;
  const sites = reach.sitesCalling(fn).filter((site) => !isTestFile(site.getSourceFile(), checker));
  if (sites.length === 0) return false;
  for (const site of sites) {
    const caller = callerOf(site);
    if (caller === null) return false;
    if (caller === undefined) continue; // module top level
    if (!isInitialisation(caller, walk, depth + 1)) return false;
  }
  return true;
}

/**
 * The function whose runs decide how often `site` runs: undefined at module top level, null when
 * it is a callback that runs repeatedly (listener, timer, request handler). A `.then` callback runs
 * once, when its enclosing function's promise settles: it counts as that function.
 */
function callerOf(site: ts.Node): FunctionLike | undefined | null {
  let owner = ownerFunction(site);
  while (owner) {
    const receiving = callReceivingArgument(owner);
    if (!receiving) return owner;
    const scheduled = schedulingReason(receiving.call, receiving.index);
    if (!scheduled) return owner;
    if (scheduled.reason !== 'promise-callback') return null;
    owner = ownerFunction(receiving.call);
  }
  return undefined;
}
