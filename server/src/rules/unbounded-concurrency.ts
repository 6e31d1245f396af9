// unbounded-concurrency: Promise.all of I/O over collections of unknown size. What it reports and why: the `docs` field below.
import { ts } from '../engine/compiler';
import { resolveAlias } from '../engine/analysis/aliases';
import { FunctionLike, calleeName, isFunctionLike, skipParenthesesDown } from '../engine/analysis';
import { repeatingLoop } from '../engine/analysis/loops';
import { RuleContext, defineRule } from '../engine/rule';

type MessageId = 'unbounded';

const COMBINATORS = /^Promise\.(?:prototype\.)?(all|allSettled)$/;
const IO_MODULES = new Set(['fs/promises', 'fs', 'http', 'https', 'http2', 'net', 'tls', 'dns', 'dns/promises', 'dgram']);
const IO_PACKAGES = new Set(['axios', 'node-fetch', 'got', 'undici', 'ky', 'superagent', 'cross-fetch', 'fs-extra', 'graceful-fs']);
const GLOBAL_IO = new Set(['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource']);
const LIMITER_METHODS = new Set(['acquire', 'acquireAsync', 'lock', 'runExclusive', 'schedule']);
const MAX_DEPTH = 3;

export default defineRule<MessageId>({
  id: 'unbounded-concurrency',
  concept: 'synchronization-primitives',
  defaultSeverity: 'info',
  description: 'Promise.all over a collection of unknown size whose callback does network or file I/O: every item starts at once, with no limit.',
  docs: {
    what:
      "`Promise.all(items.map(async (item) => ...))` (or `allSettled`) that starts network or file I/O for every item of a collection of unknown size at once. I/O is found by symbol (`fetch`, `fs/promises`, `http`/`https`/`http2`, `net`, `dns`, and well-known HTTP client packages), following calls into the project's own functions a few levels deep.",
    why:
      "Every item starts at once, with no limit on how many run together: a large collection exhausts sockets or file descriptors (`EMFILE`), or the remote service's patience (rate limits, timeouts).",
    notReported: [
      'Bounded collections: array literals, fixed tuples, `slice(a, b)` windows, the batch of a loop over batches.',
      'Callbacks that go through a limiter: `limit(() => fetch(u))`, `queue.add(...)`, `semaphore.acquire()`.',
      "Callbacks that do no network or file I/O that can be seen (calls are followed into the project's own functions a few levels deep).",
    ],
    severity:
      'Info: whether the collection can be large is not known statically.',
    examples: [
      {
        invalid: `export async function downloadAll(urls: string[]): Promise<Response[]> {
  return Promise.all(urls.map(async (url) => fetch(url)));
}
`,
        valid: `export async function downloadAll(urls: string[]): Promise<Response[]> {
  const responses: Response[] = [];
  for (let start = 0; start < urls.length; start += 10) {
    const batch = urls.slice(start, start + 10);
    responses.push(...(await Promise.all(batch.map(async (url) => fetch(url)))));
  }
  return responses;
}
`,
      },
    ],
  },
  messages: {
    unbounded:
      "{combinator} starts {io} for every item of '{collection}' at once, with no limit on how many run together; a large collection exhausts sockets, file descriptors or the remote service's patience. Cap the concurrency with a small pool or semaphore (for example p-limit), or process in batches.",
  },
  summary:
    '`Promise.all(xs.map(...))` doing network or file I/O over a collection of unknown size',
  concepts: {
    'synchronization-primitives':
      'async calls started for every item of a collection of unknown size with no limit on how many run at once.',
    'fan-out':
      'one promise per item of an unbounded list, all started together.',
    'network-io':
      'one request per item of an unbounded collection, all started at once.',
  },
  background: {
    coroutines: 'an unlimited number of async calls started at once.',
    'event-loop': 'more work handed to the loop than it and its resources can carry.',
  },
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (call: ts.CallExpression) => {
        const combinator = combinatorOf(call, context);
        if (!combinator || call.arguments.length === 0) return;
        const mapped = mappedCall(call.arguments[0], context);
        if (!mapped) return;
        const { collection, callback } = mapped;
        if (isBounded(collection, context)) return;
        const io = findIo(callback, context, 0, new Set());
        if (!io) return;
        context.report({
          node: skipParenthesesDown(call.expression),
          messageId: 'unbounded',
          data: { combinator, io, collection: shortText(collection, context) },
        });
      },
    };
  },
});

function combinatorOf(call: ts.CallExpression, context: RuleContext): string | undefined {
  const api = context.analysis.apis.resolveCall(call);
  const match = api && api.module === 'global' ? COMBINATORS.exec(api.name) : null;
  return match ? `Promise.${match[1]}` : undefined;
}

/** `xs.map(cb)`, directly or through a `const` initialised with it. */
function mappedCall(argument: ts.Expression, context: RuleContext): { collection: ts.Expression; callback: ts.Expression } | undefined {
  let expression = skipParenthesesDown(argument);
  if (ts.isIdentifier(expression)) {
    const declaration = context.checker.getSymbolAtLocation(expression)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    if (!(declaration.parent.flags & ts.NodeFlags.Const) || declaration.getSourceFile() !== context.sourceFile) return undefined;
    expression = skipParenthesesDown(declaration.initializer);
  }
  if (!ts.isCallExpression(expression) || calleeName(expression) !== 'map' || expression.arguments.length === 0) return undefined;
  const callee = skipParenthesesDown(expression.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const api = context.analysis.apis.resolveCall(expression);
  const receiverType = context.checker.getTypeAtLocation(callee.expression);
  const isArrayMap = api ? api.module === 'global' && /^(?:Readonly)?Array\.prototype\.map$/.test(api.name) : (receiverType.flags & ts.TypeFlags.Any) !== 0;
  if (!isArrayMap) return undefined;
  return { collection: callee.expression, callback: expression.arguments[0] };
}

/**
 * A collection whose size is known and small where it is written: an array literal without
 * spreads, a fixed-length tuple, a `slice(start, end)` window, or the batch a loop over batches
 * hands out (`for (const batch of chunks) await Promise.all(batch.map(...))`).
 */
function isBounded(collection: ts.Expression, context: RuleContext): boolean {
  const { checker } = context;
  const inner = skipParenthesesDown(collection);
  if (ts.isArrayLiteralExpression(inner)) return !inner.elements.some(ts.isSpreadElement);
  const type = checker.getTypeAtLocation(inner);
  if (checker.isTupleType(type)) {
    const target = (type as ts.TypeReference).target as ts.TupleType;
    if (!(target.combinedFlags & (ts.ElementFlags.Rest | ts.ElementFlags.Variadic))) return true;
  }
  if (ts.isCallExpression(inner) && calleeName(inner) === 'slice' && inner.arguments.length === 2) return true;
  if (ts.isIdentifier(inner)) {
    const declaration = checker.getSymbolAtLocation(inner)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration)) {
      // The loop variable of a loop over batches.
      const list = declaration.parent;
      const loop = list.parent;
      if ((ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && loop.initializer === list) {
        const position = repeatingLoop(collection);
        if (position?.loop === loop) return true;
      }
      // const batch = items.slice(i, i + size)
      if (declaration.initializer && declaration.parent.flags & ts.NodeFlags.Const) {
        const init = skipParenthesesDown(declaration.initializer);
        if (ts.isCallExpression(init) && calleeName(init) === 'slice' && init.arguments.length === 2) return true;
      }
    }
  }
  return false;
}

/**
 * What I/O the callback starts, as a message names it (`fetch`, `fs/promises readFile`), looking
 * into the project's own functions it calls, up to a few levels. I/O inside a function handed to
 * another call (a limiter: `limit(() => fetch(u))`, `queue.add(...)`) does not count, except in
 * `new Promise` executors and `.then` callbacks, which run right away or as soon as the work ends.
 */
function findIo(fn: ts.Expression | FunctionLike, context: RuleContext, depth: number, seen: Set<ts.Node>): string | undefined {
  const target = skipParenthesesDown(fn as ts.Expression);
  if (seen.has(target) || depth > MAX_DEPTH) return undefined;
  seen.add(target);
  if (ts.isIdentifier(target) || ts.isPropertyAccessExpression(target)) {
    const api = context.analysis.apis.resolveCallee(target);
    const direct = api && ioName(api);
    if (direct) return direct;
    const declaration = declarationOf(target, context);
    return declaration ? findIo(declaration, context, depth + 1, seen) : undefined;
  }
  if (!isFunctionLike(target) || !target.body) return undefined;
  let found: string | undefined;
  let limited = false;
  // Post-order, so `http.get(url).on('error', reject)` names `http.get`, not `.on`.
  const visit = (node: ts.Node): void => {
    if (found || limited) return;
    if (isFunctionLike(node) && node !== target && !runsNow(node)) return;
    const call = ts.isCallExpression(node) || ts.isNewExpression(node) ? node : undefined;
    const name = call && calleeName(call);
    if (name && LIMITER_METHODS.has(name)) {
      limited = true;
      return;
    }
    ts.forEachChild(node, visit);
    if (found || limited || !call) return;
    const api = context.analysis.apis.resolveCall(call);
    const direct = api && ioName(api);
    if (direct) {
      found = direct;
      return;
    }
    if (ts.isCallExpression(call)) {
      const declaration = declarationOf(skipParenthesesDown(call.expression), context);
      const io = declaration ? findIo(declaration, context, depth + 1, seen) : undefined;
      if (io) found = io;
    }
  };
  visit(target.body);
  return limited ? undefined : found;
}

/** A nested function that runs as part of the callback's own work: an executor, a `.then` reaction, an IIFE. */
function runsNow(fn: FunctionLike): boolean {
  let outer: ts.Node = fn;
  while (outer.parent && ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  if (!parent) return false;
  if (ts.isCallExpression(parent) && parent.expression === outer) return true; // IIFE
  if (ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'Promise') return true;
  if (ts.isCallExpression(parent) && parent.arguments.includes(outer as ts.Expression)) {
    const name = calleeName(parent);
    return name === 'then' || name === 'catch' || name === 'finally';
  }
  return false;
}

function ioName(api: { module: string; name: string }): string | undefined {
  if (api.module === 'global' || api.module === 'node') {
    const name = api.name.replace(/Constructor$/, '');
    return GLOBAL_IO.has(name) ? name : undefined;
  }
  if (IO_MODULES.has(api.module)) {
    if (api.module === 'fs' && /Sync$/.test(api.name)) return undefined; // blocking-call's business
    return `${api.module}.${api.name.replace(/^\w+\.prototype\./, '')}`;
  }
  if (IO_PACKAGES.has(api.module)) return api.module;
  return undefined;
}

/** The project's own function a callee refers to (declared in a source file, not a .d.ts). */
function declarationOf(callee: ts.Expression, context: RuleContext): FunctionLike | undefined {
  const location = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  let symbol = context.checker.getSymbolAtLocation(location);
  symbol = resolveAlias(context.checker, symbol);
  const declaration = symbol?.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  if (isFunctionLike(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const init = skipParenthesesDown(declaration.initializer);
    if (isFunctionLike(init)) return init;
  }
  return undefined;
}

/** `urls`, `this.sources`, `urls.filter(...)`, `Object.keys(...)`: the collection as a message names it. */
function shortText(node: ts.Node, context: RuleContext): string {
  const render = (expression: ts.Node): string => {
    const inner = ts.isExpression(expression) ? skipParenthesesDown(expression) : expression;
    if (ts.isPropertyAccessExpression(inner)) return `${render(inner.expression)}.${inner.name.text}`;
    if (ts.isCallExpression(inner)) return `${render(inner.expression)}(${inner.arguments.length ? '...' : ''})`;
    const text = inner.getText(context.sourceFile).replace(/\s+/g, ' ');
    return text.length > 30 ? `${text.slice(0, 27)}...` : text;
  };
  return render(node);
}
