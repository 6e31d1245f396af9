// blocking-call: a synchronous, blocking API (sync fs, execSync, pbkdf2Sync, zlib *Sync,
// Atomics.wait, ...) or a busy-wait loop, in code that runs on the event loop. APIs are found by
// symbol through the catalogue, so a user's own `readFileSync` is never flagged.
import { ts } from '../engine/compiler';
import {
  ApiRef,
  BlockingApi,
  EventLoopContext,
  enclosingFunction,
  importOrigin,
  isAsyncFunction,
  lookupBlockingApi,
  skipParenthesesDown,
} from '../engine/analysis';
import type { Fix, TextEdit } from '../engine/findings';
import { awaitText, replaceNode } from '../engine/fixes';
import { bindingFor, usesNodePrefix } from '../engine/imports';
import { RuleContext, defineRule } from '../engine/rule';

type MessageId = 'blockingCall' | 'busyWait';

/** How to rewrite a sync call exactly: the fs/promises twin, or util.promisify of the callback twin. */
interface AsyncTwin {
  style: 'fs-promises' | 'promisify' | 'promisify-stdout';
  name: string;
}

const FS_PROMISE_TWINS = [
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir', 'mkdtemp',
  'opendir', 'readFile', 'readdir', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs', 'symlink',
  'truncate', 'unlink', 'utimes', 'writeFile',
];
const PROMISIFY_TWINS: Record<string, string[]> = {
  crypto: ['pbkdf2', 'scrypt', 'randomFill', 'generateKeyPair', 'generateKey', 'generatePrime', 'checkPrime', 'hkdf'],
  zlib: ['deflate', 'deflateRaw', 'gzip', 'gunzip', 'inflate', 'inflateRaw', 'unzip', 'brotliCompress', 'brotliDecompress'],
};
const STDOUT_TWINS: Record<string, string> = { execSync: 'exec', execFileSync: 'execFile' };

function asyncTwinOf(api: ApiRef): AsyncTwin | undefined {
  if (!api.name.endsWith('Sync')) return undefined;
  const base = api.name.slice(0, -'Sync'.length);
  if (api.module === 'fs' && FS_PROMISE_TWINS.includes(base)) return { style: 'fs-promises', name: base };
  if (PROMISIFY_TWINS[api.module]?.includes(base)) return { style: 'promisify', name: base };
  if (api.module === 'child_process' && STDOUT_TWINS[api.name]) return { style: 'promisify-stdout', name: STDOUT_TWINS[api.name] };
  return undefined;
}

const CLOCK_CALLS = new Set(['Date.now', 'performance.now', 'process.hrtime', 'process.hrtime.bigint', 'getTime']);

export default defineRule<MessageId>({
  id: 'blocking-call',
  concept: 'avoiding-blocking-calls',
  defaultSeverity: 'warning',
  description: 'A blocking API (sync fs, execSync, pbkdf2Sync, zlib *Sync, Atomics.wait, busy-wait loops) called from code that runs on the event loop.',
  messages: {
    blockingCall: '{api} blocks the event loop inside {place}; use {alternative}.',
    busyWait: 'This loop spins on the clock and blocks the event loop inside {place}; use await setTimeout(ms) from timers/promises.',
  },
  fixAllSafe: 'none: rewriting to the async API adds `await`, which changes timing and error flow.',
  create(context) {
    const checkCall = (call: ts.CallExpression | ts.NewExpression): void => {
      const api = context.analysis.apis.resolveCall(call);
      if (!api) return;
      const entry = lookupBlockingApi(api);
      if (!entry || entry.strictOnly || !conditionHolds(entry, call, context)) return;
      const where = context.analysis.eventLoop.contextOf(call);
      if (!where) return;
      context.report({
        node: skipParenthesesDown(call.expression),
        messageId: 'blockingCall',
        data: { api: displayName(entry), place: where.description, alternative: entry.alternative },
        concept: entry.category === 'fs' ? 'file-io' : undefined,
        fixes: rewriteFixes(call, api, context),
      });
    };
    const checkLoop = (loop: ts.WhileStatement | ts.DoStatement | ts.ForStatement): void => {
      const condition = ts.isForStatement(loop) ? loop.condition : loop.expression;
      if (!condition || !isClockSpin(condition, loop.statement)) return;
      const where: EventLoopContext | undefined = context.analysis.eventLoop.contextOf(loop);
      if (!where) return;
      context.report({ node: condition, messageId: 'busyWait', data: { place: where.description } });
    };
    return {
      [ts.SyntaxKind.CallExpression]: checkCall,
      [ts.SyntaxKind.NewExpression]: checkCall,
      [ts.SyntaxKind.WhileStatement]: checkLoop,
      [ts.SyntaxKind.DoStatement]: checkLoop,
      [ts.SyntaxKind.ForStatement]: checkLoop,
    };
  },
});

function displayName(entry: BlockingApi): string {
  return entry.module === 'global' ? entry.name : `${entry.module}.${entry.name}`;
}

/** `crypto.randomBytes(n)` blocks only without a callback; `tar.x({ sync: true })` only with the option. */
function conditionHolds(entry: BlockingApi, call: ts.CallExpression | ts.NewExpression, context: RuleContext): boolean {
  const args = call.arguments ?? ts.factory.createNodeArray();
  if (entry.condition === 'no-callback') {
    const last = args[args.length - 1];
    return !last || context.checker.getTypeAtLocation(last).getCallSignatures().length === 0;
  }
  if (entry.condition === 'option') {
    return args.some(
      (argument) =>
        ts.isObjectLiteralExpression(argument) &&
        argument.properties.some(
          (property) =>
            ts.isPropertyAssignment(property) &&
            ts.isIdentifier(property.name) &&
            property.name.text === 'sync' &&
            property.initializer.kind === ts.SyntaxKind.TrueKeyword,
        ),
    );
  }
  return true;
}

/** A loop whose condition reads the clock and whose body does nothing but spin. */
function isClockSpin(condition: ts.Expression, body: ts.Statement): boolean {
  let readsClock = false;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const text = skipParenthesesDown(node.expression).getText();
      const last = text.split('.').slice(-1)[0];
      if (CLOCK_CALLS.has(text) || (last === 'getTime' && text.startsWith('new Date'))) readsClock = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(condition);
  return readsClock && isIdleBody(body);
}

function isIdleBody(body: ts.Statement): boolean {
  if (ts.isEmptyStatement(body)) return true;
  if (!ts.isBlock(body)) return false;
  let idle = true;
  const visit = (node: ts.Node): void => {
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node) || ts.isBreakStatement(node) || ts.isReturnStatement(node)) idle = false;
    if (idle) ts.forEachChild(node, visit);
  };
  visit(body);
  return idle;
}

/** The exact async rewrite, offered only where `await` is valid and the mapping keeps meaning. */
function rewriteFixes(call: ts.CallExpression | ts.NewExpression, api: ApiRef, context: RuleContext): Fix[] {
  if (!ts.isCallExpression(call) || call.questionDotToken) return [];
  const twin = asyncTwinOf(api);
  const fn = enclosingFunction(call);
  if (!twin || !fn || !isAsyncFunction(fn)) return [];
  if (twin.style === 'promisify-stdout' && !stdoutIsExact(call, context)) return [];
  const callee = skipParenthesesDown(call.expression);
  const preferNode = usesNodePrefix(context.sourceFile);
  const moduleObject = wholeModuleReceiver(callee, context.checker);
  const edits: TextEdit[] = [];
  let asyncFunction: string;
  if (twin.style === 'fs-promises') {
    if (moduleObject) asyncFunction = `${moduleObject}.promises.${twin.name}`;
    else {
      const binding = bindingFor(context.checker, call, 'fs/promises', twin.name, preferNode);
      if (!binding) return [];
      asyncFunction = binding.reference;
      edits.push(...binding.edits);
    }
  } else {
    const promisify = bindingFor(context.checker, call, 'util', 'promisify', preferNode);
    if (!promisify) return [];
    let callbackFunction: string;
    if (moduleObject) callbackFunction = `${moduleObject}.${twin.name}`;
    else {
      const binding = bindingFor(context.checker, call, api.module, twin.name, preferNode);
      if (!binding) return [];
      callbackFunction = binding.reference;
      edits.push(...binding.edits);
    }
    edits.push(...promisify.edits);
    asyncFunction = `${promisify.reference}(${callbackFunction})`;
  }
  const argumentsText = call.arguments.map((argument) => argument.getText(context.sourceFile)).join(', ');
  const awaited = `await ${asyncFunction}(${argumentsText})`;
  const replacement =
    twin.style === 'promisify-stdout' && !ts.isExpressionStatement(call.parent)
      ? `(${awaited}).stdout`
      : awaitText(call, `${asyncFunction}(${argumentsText})`);
  edits.push(replaceNode(call, replacement));
  return [{ title: `Use ${twin.style === 'fs-promises' ? `fs/promises ${twin.name}` : `promisified ${twin.name}`} with await`, kind: 'suggestion', preferred: true, edits: mergeInsertions(edits) }];
}

/** execSync returns a Buffer unless an encoding is given; promisified exec resolves { stdout: string }. */
function stdoutIsExact(call: ts.CallExpression, context: RuleContext): boolean {
  if (ts.isExpressionStatement(call.parent)) return true;
  const type = context.checker.getTypeAtLocation(call);
  return (type.flags & ts.TypeFlags.StringLike) !== 0;
}

/** `fs` in `fs.readFileSync` when `fs` is the whole module (namespace, default or `require`). */
function wholeModuleReceiver(callee: ts.Expression, checker: ts.TypeChecker): string | undefined {
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipParenthesesDown(callee.expression);
  if (!ts.isIdentifier(receiver)) return undefined;
  const declaration = checker.getSymbolAtLocation(receiver)?.declarations?.[0];
  const origin = declaration && importOrigin(declaration);
  return origin && !origin.importedName ? receiver.text : undefined;
}

/** Two new imports at the same place become one edit, so editors apply them in order. */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const previous = merged.find((other) => other.start === edit.start && other.end === edit.end && other.start === other.end && edit.start === edit.end);
    if (previous) previous.newText += edit.newText;
    else merged.push({ ...edit });
  }
  return merged;
}
