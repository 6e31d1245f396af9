// Decides whether code runs on the event loop after start-up. This is where "is this call a
// problem?" is answered for blocking calls: module top level and plain synchronous functions
// called from start-up code are not event-loop code; async bodies and callbacks handed to the
// loop (promise reactions, timers, listeners, request handlers) are, whether written inline or
// passed by name (`emitter.on('data', onData)`, `setTimeout(tick, 10)`, `server.on('request',
// this.handle)`, `.bind(this)` included) when the named function is declared in the same file.
import { ts } from '../compiler';
import { resolveAlias } from './aliases';
import { noteFileFact } from '../unitReads';
import {
  FunctionLike,
  callReceivingArgument,
  calleeName,
  enclosingFunction,
  functionName,
  isAsyncFunction,
  isFunctionLike,
  skipParenthesesDown,
} from './functions';
import { inWorkerBranch, offMainLoopFile, runsInWorker } from './offMainLoop';

export type EventLoopReason = 'async-function' | 'promise-callback' | 'timer' | 'listener' | 'request-handler';

export interface EventLoopContext {
  reason: EventLoopReason;
  /** The function that puts the code on the loop (the async function or the callback). */
  entry: FunctionLike;
  /** How a message should name the place: "async function 'loadUser'", "a setTimeout callback". */
  description: string;
}

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);
const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'nextTick']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'addEventListener', 'prependListener', 'prependOnceListener']);
const SERVER_FACTORIES = new Set(['createServer', 'createSecureServer']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'use', 'route']);

type Scheduling = { reason: EventLoopReason; description: string };

export class EventLoopAnalysis {
  private readonly cache = new Map<ts.Node, EventLoopContext | null>();
  /** Per file: functions handed to the loop by name, and how (the first registration found). */
  private readonly namedRegistrations = new Map<ts.SourceFile, Map<ts.Node, Scheduling>>();

  private program: ts.Program | undefined;

  /** Without a checker, only callbacks written inline are recognised. */
  constructor(private readonly checker?: ts.TypeChecker) {}

  /** With the program, worker entry files (named by `new Worker(...)` anywhere in it) are known too. */
  useProgram(program: ts.Program): void {
    this.program = program;
  }

  /** The event-loop context `node` runs in, or undefined when it runs only at start-up (or off the main loop). */
  contextOf(node: ts.Node): EventLoopContext | undefined {
    if (this.isOffMainLoop(node)) return undefined;
    const fn = enclosingFunction(node);
    return fn ? this.contextOfFunction(fn) : undefined;
  }

  /** In a CLI or worker entry file, a worker branch or a function handed to a worker: blocking there stalls no server. */
  isOffMainLoop(node: ts.Node): boolean {
    if (offMainLoopFile(node.getSourceFile(), this.program) || inWorkerBranch(node)) return true;
    for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (runsInWorker(fn, this.checker)) return true;
    return false;
  }

  contextOfFunction(fn: FunctionLike): EventLoopContext | undefined {
    let cached = this.cache.get(fn);
    if (cached === undefined) {
      this.cache.set(fn, null); // cycles (a callback inside its own call) end as "not event loop"
      cached = this.classify(fn) ?? null;
      this.cache.set(fn, cached);
    }
    return cached ?? undefined;
  }

  private classify(fn: FunctionLike): EventLoopContext | undefined {
    if (runsInWorker(fn, this.checker)) return undefined;
    if (isAsyncFunction(fn)) {
      const name = functionName(fn);
      return { reason: 'async-function', entry: fn, description: name ? `async function '${name}'` : 'an async function' };
    }
    const receiving = callReceivingArgument(fn);
    if (!receiving) {
      const registered = this.registrationsIn(fn.getSourceFile()).get(fn);
      if (!registered) return undefined;
      const name = functionName(fn);
      return { reason: registered.reason, entry: fn, description: name ? `'${name}', passed as ${registered.description}` : registered.description };
    }
    const scheduled = schedulingReason(receiving.call, receiving.index);
    if (scheduled) return { reason: scheduled.reason, entry: fn, description: scheduled.description };
    // A synchronous callback (`items.map(cb)`, `new Promise(executor)`) runs where its call runs.
    return this.contextOf(receiving.call);
  }

  private registrationsIn(sourceFile: ts.SourceFile): Map<ts.Node, Scheduling> {
    if (this.checker) noteFileFact(sourceFile, 'eventLoop.namedRegistrations', registrationsFact); // for the per-unit cache
    let registrations = this.namedRegistrations.get(sourceFile);
    if (!registrations) {
      registrations = this.checker ? findNamedRegistrations(sourceFile, this.checker) : new Map();
      this.namedRegistrations.set(sourceFile, registrations);
    }
    return registrations;
  }
}

/** The named registrations of a file, as the per-unit cache compares them (unitReads.ts). */
function registrationsFact(sourceFile: ts.SourceFile, checker: ts.TypeChecker): [ts.Node, string][] {
  return [...findNamedRegistrations(sourceFile, checker)].map(([fn, scheduling]) => [fn, `${scheduling.reason} ${scheduling.description}`]);
}

/**
 * Every `on('data', onData)`, `setTimeout(tick)`, `p.then(this.handle.bind(this))` in the file:
 * the function each reference resolves to, when it is a function declared in this file.
 */
function findNamedRegistrations(sourceFile: ts.SourceFile, checker: ts.TypeChecker): Map<ts.Node, Scheduling> {
  const found = new Map<ts.Node, Scheduling>();
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      node.arguments.forEach((argument, index) => {
        const reference = referencedFunctionOf(argument);
        if (!reference) return;
        const scheduled = schedulingReason(node, index);
        if (!scheduled) return;
        const fn = functionDeclaredBy(reference, checker);
        if (fn && fn.getSourceFile() === sourceFile && !found.has(fn)) found.set(fn, scheduled);
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** `onData`, `this.onData`, `handlers.onData`, and any of them with `.bind(...)`. */
function referencedFunctionOf(argument: ts.Expression): ts.Identifier | ts.PropertyAccessExpression | undefined {
  let current = skipParenthesesDown(argument);
  if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && current.expression.name.text === 'bind') {
    current = skipParenthesesDown(current.expression.expression);
  }
  return ts.isIdentifier(current) || ts.isPropertyAccessExpression(current) ? current : undefined;
}

/** The function a reference names: a function declaration, a method, or a variable/property holding a function expression. */
function functionDeclaredBy(reference: ts.Identifier | ts.PropertyAccessExpression, checker: ts.TypeChecker): FunctionLike | undefined {
  const symbol = resolveAlias(checker, checker.getSymbolAtLocation(ts.isPropertyAccessExpression(reference) ? reference.name : reference));
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return undefined;
  if (isFunctionLike(declaration)) return declaration;
  if ((ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) {
    const initializer = skipParenthesesDown(declaration.initializer);
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
  }
  return undefined;
}

/** Whether `call` hands its argument at `index` to the event loop, and how to describe it. */
export function schedulingReason(
  call: ts.CallExpression | ts.NewExpression,
  index: number,
): { reason: EventLoopReason; description: string } | undefined {
  const name = calleeName(call);
  if (!name) return undefined;
  const callee = skipParenthesesDown(call.expression);
  const isMethod = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee);
  if (ts.isCallExpression(call) && isMethod && PROMISE_METHODS.has(name)) {
    return { reason: 'promise-callback', description: `a .${name} callback` };
  }
  if (ts.isCallExpression(call) && TIMERS.has(name) && index === 0) {
    return { reason: 'timer', description: `a ${name === 'nextTick' ? 'process.nextTick' : name} callback` };
  }
  // `addEventListener` is also a global function in browsers and workers (`self.addEventListener`).
  if (ts.isCallExpression(call) && (isMethod || name === 'addEventListener') && LISTENER_METHODS.has(name) && index >= 1) {
    const event = call.arguments[0];
    return { reason: 'listener', description: event && ts.isStringLiteralLike(event) ? `a '${event.text}' event listener` : 'an event listener' };
  }
  if (SERVER_FACTORIES.has(name)) {
    return { reason: 'request-handler', description: 'a request handler' };
  }
  if (ts.isCallExpression(call) && isMethod && ROUTE_METHODS.has(name) && looksLikeRoute(call, index)) {
    if (name === 'use') return { reason: 'request-handler', description: 'a middleware function' };
    const method = name === 'del' ? 'DELETE' : name.toUpperCase();
    return { reason: 'request-handler', description: `${/^[AEIOU]/.test(method) ? 'an' : 'a'} ${method} route handler` };
  }
  return undefined;
}

/** `app.get('/users', handler)`, `router.use(middleware)`: a path first, or only functions. */
function looksLikeRoute(call: ts.CallExpression, index: number): boolean {
  const [first] = call.arguments;
  if (!first) return false;
  const firstIsPath = ts.isStringLiteralLike(first) || ts.isRegularExpressionLiteral(first) || ts.isArrayLiteralExpression(first);
  if (firstIsPath) return index >= 1 && String((first as ts.StringLiteral).text ?? '/').startsWith('/');
  if (index >= 1 && isComputedPath(first) && looksLikeRouter(call, index)) return true;
  return calleeName(call) === 'use' && call.arguments.every((argument) => ts.isFunctionExpression(argument) || ts.isArrowFunction(argument));
}

/** ``app.get(`${base}/*`, handler)``, `router.get(pathVar, ...)`, `app.get(routes.users, ...)`: a path computed at run time. */
function isComputedPath(first: ts.Expression): boolean {
  const path = skipParenthesesDown(first);
  return ts.isTemplateExpression(path) || ts.isIdentifier(path) || ts.isPropertyAccessExpression(path) || (ts.isBinaryExpression(path) && path.operatorToken.kind === ts.SyntaxKind.PlusToken);
}

/**
 * Without a literal path, `cache.get(key, loader)` has the same shape: the receiver must be named
 * like a router (`app`, `router`, `server`, `api`, `routes`) or the handler take (req, res).
 */
function looksLikeRouter(call: ts.CallExpression, index: number): boolean {
  const receiver = skipParenthesesDown((skipParenthesesDown(call.expression) as ts.PropertyAccessExpression).expression ?? call.expression);
  const receiverName = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
  if (/^(app|router|server|api|routes?)$|(App|Router|Server|Api|Routes?)$/.test(receiverName)) return true;
  const handler = skipParenthesesDown(call.arguments[index]);
  return (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) && handler.parameters.length >= 2;
}
