// blocking-call for Python: a blocking API reached from event-loop code (an `async def`, a loop
// callback, or a sync helper they call, in any module). What it reports and why: `docs` below.
import type { Fix, TextEdit } from '../../engine/findings';
import { PythonBlockingApi, normaliseApiName } from '../../engine/python/catalogue';
import { EventLoopEntry, PyFunction, PythonEventLoop } from '../../engine/python/eventLoop';
import { enclosingFunction } from '../../engine/python/functionBodies';
import { addAwaitEdits, awaitAllowedAt, makeAsyncEdit, offloadFixes, offloadRewrite, yieldsIn } from '../../engine/python/fixes';
import type { SyntaxNode } from '../../engine/python/parser';
import { PythonModule, PythonRuleContext, definePythonRule, pythonRelatedLocation } from '../../engine/python/rule';
import { isSetupNamed } from '../../engine/python/startupCode';

type MessageId = 'blockingCall' | 'blockingRoot';

const MAX_RELATED = 10;
const SETUP_NOTE = ' (start-up code, run once; on a request path it would stall every request)';
const QUICK_NOTE = ' (briefly: a system call answered from memory, without disk or network I/O)';

/** Why a finding is info rather than a warning (start-up code, a quick system call): the message's note and the severity cap; none for a warning. */
function infoHint(setup: boolean, api: PythonBlockingApi): { note: string; cap: { severityCap?: 'info' } } {
  const note = setup ? SETUP_NOTE : api.quick ? QUICK_NOTE : '';
  return { note, cap: note ? { severityCap: 'info' } : {} };
}

export default definePythonRule<MessageId>({
  id: 'blocking-call',
  language: 'python',
  concept: 'avoiding-blocking-calls',
  defaultSeverity: 'warning',
  description:
    'A blocking API (`time.sleep`, `requests`, `subprocess`, `open`, `os.path`/`pathlib` file access, sync database and Redis clients, `threading`/`queue` waits, `.result()`) called from an `async def`, a loop callback, or a sync helper they call in any module; a blocking call in a helper is reported once, at the call, with the event-loop code that reaches it.',
  docs: {
    what:
      'A blocking call (`time.sleep`, `requests.get`, `subprocess.run`, `open`, `os.path.exists`, `Path.read_text`, `sqlite3`/`psycopg2`/`pymysql`/`redis`/`boto3` sync clients, `hashlib.pbkdf2_hmac`, `threading.Lock.acquire`, `queue.Queue.get`, `future.result()`, ...) in code that runs on the event loop: the body of an `async def`, a callback given to `loop.call_soon`/`call_later`/`call_at`/`add_reader`/`add_writer`/`add_signal_handler` or `add_done_callback`, and the sync functions those call, in any module of the project. APIs are matched by qualified name through imports, aliases (`import time as t`, `from time import sleep as nap`) and assignments (`sleep = time.sleep`), so `self.sleep`, a local `open` or `asyncio.sleep` are never mistaken for them.\n\n' +
      'One blocking root, one finding: a blocking call in a sync helper is reported once, at the call, when event-loop code reaches the helper; the async functions that reach it are its related locations. The callers are not reported.',
    why:
      'While a blocking call runs, the event loop runs nothing else: every other task, request and timer of the process waits for it. One `time.sleep(1)` in a request handler delays every concurrent request by a second.',
    notReported: [
      'Module top level and functions reached only from start-up code (`if __name__ == "__main__":`, a `main()` that calls `asyncio.run`).',
      'Work handed to a thread or process: `asyncio.to_thread(f, ...)`, `loop.run_in_executor(ex, f, ...)`, `executor.submit(f)`, `threading.Thread(target=f)` (the function is passed, not called).',
      'A nested `def` or a `lambda` inside an `async def` that the async code does not call.',
      'An awaited method call (`await client.get(u)` is an async client, whatever its name). An awaited module function (`await time.sleep(1)`) is reported: it blocks, then the await fails.',
      'Look-alikes: `self.sleep()`, a parameter named `time`, a project function named `sleep`, `sleep` imported from `asyncio`, a local `open`.',
      'Calls in their non-blocking form: a flag that returns at once (`os.waitpid(pid, os.WNOHANG)`, `socket.getaddrinfo(ip, ..., socket.AI_NUMERICHOST)`, `LOCK_NB`, `MSG_DONTWAIT`), a call in a `try` that catches `BlockingIOError` (a non-blocking socket: `sock.connect(path)` raises instead of waiting), and an in-memory SQLite database (`sqlite3.connect(":memory:")` and calls on the connection bound from it), which touches no file.',
    ],
    severity: 'A warning: the event loop is blocked for every task while the call runs. Info when every async function that reaches the call is start-up code run once (`main`, `init…`, `setup…`, `startup`, `bootstrap`, `configure…`, `migrate…`, `lifespan`): the message says that on a request path it would stall every request. Info too for a system call answered from memory (`os.path.abspath`, `os.path.expanduser`, `Path.absolute()`, `Path.expanduser()`: the working directory, `$HOME`), which Ruff\'s ASYNC240 reports but which costs microseconds. Test files are analysed too, as Ruff does: a blocking call in an async test stalls the servers and tasks the test runs on the same loop.',
    reference:
      "Ruff's and flake8-async's ASYNC210-ASYNC251 match the same APIs by name, only directly inside an `async def`; this rule also follows sync helpers and calls across modules, and covers database, Redis, boto3, socket, threading and concurrent.futures calls.",
    examples: [
      {
        invalid: `import time


async def poll(job):
    while not job.done():
        time.sleep(0.5)
`,
        valid: `import asyncio


async def poll(job):
    while not job.done():
        await asyncio.sleep(0.5)
`,
      },
    ],
  },
  messages: {
    blockingCall: '{api} blocks the event loop inside {place}{once}; use {alternative}.',
    blockingRoot: "{api} blocks the event loop: '{helper}' is reached from {entries}{once}; make that path async or move it off the event loop: use {alternative}.",
  },
  fixAllSafe: 'none: moving a call to `await asyncio.to_thread(...)` or `await asyncio.sleep(...)` adds a suspension point, which changes timing and what other tasks can see.',
  summary:
    'a blocking API (`time.sleep`, `requests`, `subprocess`, `open`, file system, sync database/Redis/boto3 clients, `threading`/`queue` waits, `.result()`) called from an `async def`, a loop callback, or a sync helper they reach in any module: reported once at the blocking call, with the async functions that reach it as related locations; fixes `await asyncio.sleep(...)`, `await asyncio.to_thread(f, ...)` and "Make `<helper>` async"',
  concepts: {
    'avoiding-blocking-calls': 'a blocking Python call (`time.sleep`, `requests.get`, `open`, ...) in an `async def` or a helper it calls, reported once at the blocking call.',
  },
  create(context) {
    const { module, project } = context;
    const eventLoop = project.eventLoop;
    return {
      module() {
        for (const fn of eventLoop.summaryOf(module).functions.values()) {
          const blocking = fn.calls.filter((site) => site.blocking);
          if (blocking.length === 0) continue;
          const direct = eventLoop.directContext(fn);
          if (direct) {
            for (const site of blocking) report(context, site.call, site.blocking!, site.callee, { place: direct, setup: fn.isAsync && isSetupNamed(fn.name) });
            continue;
          }
          const entries = eventLoop.entriesReaching(fn);
          if (entries.length === 0) continue;
          for (const site of blocking) report(context, site.call, site.blocking!, site.callee, { fn, entries });
        }
      },
    };
  },
});

function report(context: PythonRuleContext<MessageId>, call: SyntaxNode, api: PythonBlockingApi, qualifiedName: string | undefined, where: { place: string; setup: boolean } | { fn: PyFunction; entries: EventLoopEntry[] }): void {
  const node = call.childForFieldName('function') ?? call;
  const apiName = displayName(qualifiedName ?? api.name, node);
  if ('place' in where) {
    const hint = infoHint(where.setup, api);
    context.report({
      node,
      messageId: 'blockingCall',
      data: { api: apiName, place: where.place, alternative: api.alternative, once: hint.note },
      ...hint.cap,
      fixes: offloadFixes(context.module, call, api),
    });
    return;
  }
  const { fn, entries } = where;
  const hint = infoHint(entries.every((reached) => isSetupNamed(reached.entry.name)), api);
  const first = entries[0];
  const others = entries.length - 1;
  const firstText = `${first.description}${first.entry.fileName === context.module.fileName ? '' : ` (${baseName(first.entry.fileName)})`}`;
  context.report({
    node,
    messageId: 'blockingRoot',
    data: { api: apiName, helper: fn.name, entries: others > 0 ? `${firstText} and ${others} more` : firstText, alternative: api.alternative, once: hint.note },
    ...hint.cap,
    related: entries.slice(0, MAX_RELATED).map((reached) => {
      const through = reached.chain.slice(1).map((step) => `${step.from.name}()`);
      through.push(`${fn.name}()`);
      return pythonRelatedLocation(reached.entry.fileName, reached.chain[0].site, `reached from ${reached.description} through ${through.join(' → ')}`);
    }),
    fixes: makeHelperAsyncFixes(context, fn, call, api, context.project.eventLoop),
  });
}

/** `time.sleep` as the user wrote it when it is the API's own name, else the catalogue name (`httpx.Client.get` for `client.get`). */
function displayName(qualifiedName: string, callee: SyntaxNode): string {
  const name = normaliseApiName(qualifiedName).replace(/\(\)/g, '').replace(/^builtins\./, '');
  return callee.text === name ? `${name}()` : `${name}() (${callee.text.length > 40 ? `${callee.text.slice(0, 37)}...` : callee.text})`;
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/**
 * "Make `<helper>` async", one level deep: the helper becomes `async def`, its blocking call runs
 * off the loop, and each of its calls gets `await`. Offered when every call of the helper in the
 * project is in an `async def` where `await` is allowed, and the helper's name is used nowhere
 * else (a reference passed along would receive a coroutine function).
 */
function makeHelperAsyncFixes(context: PythonRuleContext<MessageId>, fn: PyFunction, call: SyntaxNode, api: PythonBlockingApi, eventLoop: PythonEventLoop): Fix[] {
  const { module } = context;
  if (fn.node.type !== 'function_definition' || enclosingFunction(call)?.id !== fn.node.id || yieldsIn(fn.node)) return [];
  if (inLambdaOrGenerator(call, fn.node)) return [];
  // `__init__` and other special methods are called by Python itself; a decorated def (`@property`, `@lru_cache`) would wrap a coroutine function.
  if (/^__\w+__$/.test(fn.name) || fn.node.parent?.type === 'decorated_definition') return [];
  const callers = eventLoop.callersOf(fn);
  if (callers.length === 0) return [];
  for (const step of callers) {
    if (!step.from.isAsync || step.from.key === fn.key || !awaitAllowedAt(step.site) || step.site.parent?.type === 'await') return [];
  }
  if (!onlyCalled(fn, callers, context)) return [];
  const rewrite = offloadRewrite(module, call, api);
  const asyncEdit = makeAsyncEdit(module, fn.node);
  if (!rewrite || !asyncEdit) return [];
  const edits: TextEdit[] = [...rewrite.edits, asyncEdit];
  for (const step of callers) {
    const callerModule = step.from.fileName === module.fileName ? module : context.project.moduleOf(step.from.fileName);
    if (!callerModule) return [];
    edits.push(...addAwaitEdits(callerModule, step.site));
  }
  const sites = callers.length === 1 ? 'its call' : `its ${callers.length} calls`;
  return [{ title: `Make '${fn.name}' async and await ${sites}`, kind: 'suggestion', edits }];
}

function insideImport(node: SyntaxNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'import_from_statement' || current.type === 'import_statement') return true;
    if (current.type === 'block' || current.type === 'module') return false;
  }
  return false;
}

function inLambdaOrGenerator(node: SyntaxNode, stop: SyntaxNode): boolean {
  for (let current = node.parent; current && current.id !== stop.id; current = current.parent) {
    if (current.type === 'lambda' || current.type === 'generator_expression') return true;
  }
  return false;
}

/** The helper's name appears only at its def, at the known call sites and in imports, in every module involved. */
function onlyCalled(fn: PyFunction, callers: { site: SyntaxNode; from: PyFunction }[], context: PythonRuleContext<MessageId>): boolean {
  const files = new Set([fn.fileName, ...callers.map((step) => step.from.fileName)]);
  const allowed = new Set<string>();
  const names = new Set([fn.name]);
  const nameNode = fn.node.childForFieldName('name');
  if (nameNode) allowed.add(`${fn.fileName}#${nameNode.startIndex}`);
  for (const step of callers) {
    const callee = step.site.childForFieldName('function');
    const identifier = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : callee;
    if (identifier) {
      allowed.add(`${step.from.fileName}#${identifier.startIndex}`);
      names.add(identifier.text);
    }
  }
  for (const file of files) {
    const module: PythonModule | undefined = file === context.module.fileName ? context.module : context.project.moduleOf(file);
    if (!module) return false;
    // The name's occurrences in the text, then the node at each (not a walk of the whole tree: a
    // module with many findings asks this for each).
    for (const name of names) {
      for (const match of module.text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'gu'))) {
        const node = module.tree.rootNode.descendantForIndex(match.index, match.index + name.length);
        if (!node || node.type !== 'identifier' || node.text !== name) continue; // in a string or a comment
        if (allowed.has(`${file}#${node.startIndex}`) || insideImport(node)) continue;
        return false;
      }
    }
  }
  return true;
}
