// Which Python code runs on the event loop: bodies of `async def`; callbacks given to
// `loop.call_soon`/`call_later`/`call_at`/`add_reader`/`add_writer`/`add_signal_handler` and
// `fut.add_done_callback`; and the sync functions those call, transitively and across modules. Not
// event-loop code: module top level, defs reached only from start-up, work offloaded to a thread or
// process (`asyncio.to_thread(f)`, `loop.run_in_executor(ex, f)`, `executor.submit(f)`: f is passed,
// not called), and nested defs nobody calls.
//
// Per module (cached by text): every function (def or lambda) with the calls made directly in it and
// the blocking API each call is. Per project state (rebuilt when a module's text changes): the call
// graph between project functions, resolved across modules, and for a sync function the event-loop
// entries that reach it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PythonBlockingApi, blockingApi } from './catalogue';
import { walk } from './analyzer';
import { namedChildren } from './parser';
import type { SyntaxNode } from './parser';
import { PythonProject, methodOf } from './project';
import type { PythonModule } from './rule';

export interface PyFunction {
  /** `function_definition` or `lambda`. */
  node: SyntaxNode;
  fileName: string;
  /** Unique in the project: file and offset. */
  key: string;
  name: string;
  isAsync: boolean;
  calls: PyCall[];
}

export interface PyCall {
  call: SyntaxNode;
  /** The blocking API the call is (not when it is awaited). */
  blocking?: PythonBlockingApi;
  /** The qualified name of the callee, when names.ts knows it. */
  callee?: string;
}

interface ModuleSummary {
  functions: Map<number, PyFunction>;
  /** Function expressions given to loop.call_soon & co.: [the argument, the registering method]. */
  callbacks: { argument: SyntaxNode; method: string }[];
}

/** Callback-registering methods and the index of the callback argument. */
const CALLBACK_METHODS: Record<string, number> = {
  call_soon: 0,
  call_soon_threadsafe: 0,
  call_later: 1,
  call_at: 1,
  add_reader: 1,
  add_writer: 1,
  add_signal_handler: 1,
  add_done_callback: 0,
};

const FUNCTION_NODES = new Set(['function_definition', 'lambda']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', 'env', 'build', 'dist']);
const MAX_PROJECT_FILES = 5000;

export function isAsyncDefinition(node: SyntaxNode): boolean {
  return node.type === 'function_definition' && node.children.some((child) => child?.type === 'async');
}

export function functionName(node: SyntaxNode): string {
  return node.type === 'lambda' ? 'lambda' : (node.childForFieldName('name')?.text ?? 'function');
}

/** The def or lambda whose body holds `node` directly (calls in a class body or at top level have none). */
export function ownerFunction(node: SyntaxNode): SyntaxNode | undefined {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === 'function_definition') {
      // A def's decorators, defaults and annotations run where the def is.
      return current.childForFieldName('body')?.id === child.id ? current : undefined;
    }
    if (current.type === 'lambda') {
      if (current.childForFieldName('body')?.id === child.id) return current;
      continue;
    }
    if (current.type === 'class_definition' || current.type === 'module') return undefined;
  }
  return undefined;
}

export function functionKey(fileName: string, node: SyntaxNode): string {
  return `${fileName}#${node.startIndex}`;
}

function summarise(module: PythonModule): ModuleSummary {
  const functions = new Map<number, PyFunction>();
  const callbacks: ModuleSummary['callbacks'] = [];
  const functionFor = (node: SyntaxNode): PyFunction => {
    let info = functions.get(node.startIndex);
    if (!info) {
      info = { node, fileName: module.fileName, key: functionKey(module.fileName, node), name: functionName(node), isAsync: isAsyncDefinition(node), calls: [] };
      functions.set(node.startIndex, info);
    }
    return info;
  };
  walk(module.tree.rootNode, (node) => {
    if (FUNCTION_NODES.has(node.type)) {
      functionFor(node);
      return;
    }
    if (node.type !== 'call') return;
    const callee = node.childForFieldName('function');
    if (callee?.type === 'attribute') {
      const method = callee.childForFieldName('attribute')?.text ?? '';
      const index = CALLBACK_METHODS[method];
      const argument = index === undefined ? undefined : positionalArguments(node)[index];
      if (argument) callbacks.push({ argument, method });
    }
    const owner = ownerFunction(node);
    if (!owner) return;
    const name = module.names.calleeName(node);
    const awaited = node.parent?.type === 'await';
    const blocking = awaited ? undefined : blockingApi(name);
    functionFor(owner).calls.push({ call: node, ...(name ? { callee: name } : {}), ...(blocking ? { blocking } : {}) });
  });
  return { functions, callbacks };
}

export function positionalArguments(call: SyntaxNode): SyntaxNode[] {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return [];
  return namedChildren(list).filter((argument) => !['keyword_argument', 'list_splat', 'dictionary_splat', 'comment'].includes(argument.type));
}

/** One step of a chain from event-loop code to a blocking call: the call site and the function it is in. */
export interface ReachStep {
  from: PyFunction;
  site: SyntaxNode;
}

export interface EventLoopEntry {
  /** The async function or callback the chain starts in. */
  entry: PyFunction;
  /** The call sites from the entry down to the function asked about (first: in the entry). */
  chain: ReachStep[];
  description: string;
}

interface Graph {
  functions: Map<string, PyFunction>;
  /** Calls into each project sync function: target key → the calling function and site. */
  callers: Map<string, ReachStep[]>;
  /** Callback functions by key, with the registering method. */
  callbacks: Map<string, string>;
  reach: Map<string, EventLoopEntry[]>;
}

export class PythonEventLoop {
  constructor(private readonly project: PythonProject) {}

  summaryOf(module: PythonModule): ModuleSummary {
    return this.project.derived(module, 'eventLoop.summary', () => summarise(module));
  }

  /** The function a def or lambda node is, in its module's summary. */
  functionOf(module: PythonModule, node: SyntaxNode): PyFunction | undefined {
    return this.summaryOf(module).functions.get(node.startIndex);
  }

  /** Why the function is event-loop code by itself: an async def, or a callback handed to the loop; undefined otherwise. */
  directContext(fn: PyFunction): string | undefined {
    if (fn.isAsync) return `async function '${fn.name}'`;
    const method = this.graph(fn.fileName).callbacks.get(fn.key);
    return method ? `the callback given to ${method}()` : undefined;
  }

  /** The event-loop code (async functions, loop callbacks) that calls a sync function, directly or through other sync functions. */
  entriesReaching(fn: PyFunction): EventLoopEntry[] {
    const graph = this.graph(fn.fileName);
    let known = graph.reach.get(fn.key);
    if (known) return known;
    known = [];
    const seen = new Set<string>([fn.key]);
    let frontier: { key: string; chain: ReachStep[] }[] = [{ key: fn.key, chain: [] }];
    for (let depth = 0; depth < 12 && frontier.length > 0; depth++) {
      const next: typeof frontier = [];
      for (const { key, chain } of frontier) {
        for (const step of graph.callers.get(key) ?? []) {
          if (seen.has(step.from.key)) continue;
          seen.add(step.from.key);
          const path = [step, ...chain];
          const context = step.from.isAsync ? `async function '${step.from.name}'` : graph.callbacks.has(step.from.key) ? `the callback given to ${graph.callbacks.get(step.from.key)}()` : undefined;
          if (context) known.push({ entry: step.from, chain: path, description: context });
          // An entry's own callers are not followed further: it is event-loop code already (and an async caller only creates a coroutine).
          if (!step.from.isAsync) next.push({ key: step.from.key, chain: path });
        }
      }
      frontier = next;
    }
    known.sort((a, b) => a.entry.fileName.localeCompare(b.entry.fileName) || a.chain[0].site.startIndex - b.chain[0].site.startIndex);
    graph.reach.set(fn.key, known);
    return known;
  }

  /** Every call site of a project function (for "make it async"): the calling function and the call. */
  callersOf(fn: PyFunction): ReachStep[] {
    return this.graph(fn.fileName).callers.get(fn.key) ?? [];
  }

  /** The project function a callee (or function reference) expression denotes: same module (nested defs too), `self.method`, or across modules. */
  resolveFunction(module: PythonModule, expression: SyntaxNode): PyFunction | undefined {
    const target = this.resolveDefinition(module, expression);
    if (!target) return undefined;
    const targetModule = target.module;
    const node = target.node.type === 'class_definition' ? methodOf(target.node, '__init__') : target.node;
    return node ? this.functionOf(targetModule, node) : undefined;
  }

  resolveDefinition(module: PythonModule, expression: SyntaxNode): { module: PythonModule; node: SyntaxNode } | undefined {
    if (expression.type === 'lambda') return { module, node: expression };
    const local = module.names.definitionOf(expression);
    if (local) return { module, node: local };
    if (expression.type === 'attribute') {
      const object = expression.childForFieldName('object');
      const attribute = expression.childForFieldName('attribute')?.text;
      if (object?.type === 'identifier' && attribute) {
        const method = selfMethod(object, attribute);
        if (method) return { module, node: method };
      }
    }
    if (expression.type === 'call') {
      // functools.partial(f, ...) is f.
      const name = module.names.calleeName(expression);
      const first = positionalArguments(expression)[0];
      if (name === 'functools.partial' && first) return this.resolveDefinition(module, first);
      return undefined;
    }
    const name = module.names.qualifiedName(expression);
    if (!name) return undefined;
    const resolved = this.project.resolve(name, module.fileName);
    return resolved ? { module: resolved.module, node: resolved.node } : undefined;
  }

  private graph(fileName: string): Graph {
    const root = this.project.rootOf(fileName);
    return this.project.projectDerived(`eventLoop.graph:${root}`, () => this.buildGraph(root));
  }

  private buildGraph(root: string): Graph {
    const graph: Graph = { functions: new Map(), callers: new Map(), callbacks: new Map(), reach: new Map() };
    const modules: PythonModule[] = [];
    for (const file of this.project.filesOf(root, listPythonFiles)) {
      const module = this.project.moduleOf(file);
      if (module) modules.push(module);
    }
    for (const module of modules) {
      const summary = this.summaryOf(module);
      for (const fn of summary.functions.values()) graph.functions.set(fn.key, fn);
      for (const { argument, method } of summary.callbacks) {
        const target = this.resolveFunction(module, argument);
        if (target && !target.isAsync) graph.callbacks.set(target.key, method);
      }
      for (const fn of summary.functions.values()) {
        for (const site of fn.calls) {
          if (site.blocking) continue;
          const callee = site.call.childForFieldName('function');
          const target = callee && this.resolveFunction(module, callee);
          if (!target || target.isAsync) continue;
          const list = graph.callers.get(target.key) ?? [];
          list.push({ from: fn, site: site.call });
          graph.callers.set(target.key, list);
        }
      }
    }
    return graph;
  }
}

/** `self.m` / `cls.m` in a method: the method `m` of the enclosing class. */
function selfMethod(object: SyntaxNode, attribute: string): SyntaxNode | undefined {
  const method = enclosingDef(object);
  if (!method) return undefined;
  const parameters = method.childForFieldName('parameters');
  const first = parameters ? namedChildren(parameters)[0] : undefined;
  const firstName = first?.type === 'identifier' ? first.text : first?.childForFieldName('name')?.text;
  if (firstName !== object.text) return undefined;
  let classNode = method.parent;
  if (classNode?.type === 'decorated_definition') classNode = classNode.parent;
  if (classNode?.type === 'block') classNode = classNode.parent;
  if (classNode?.type !== 'class_definition') return undefined;
  return methodOf(classNode, attribute);
}

function enclosingDef(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition') return current;
    if (current.type === 'class_definition' || current.type === 'module') return undefined;
  }
  return undefined;
}

/** The .py files under a project root (skipping virtual environments, node_modules, hidden and build folders). */
export function listPythonFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (directory: string) => {
    if (files.length >= MAX_PROJECT_FILES) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((entry) => entry.name === 'pyvenv.cfg')) return;
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
        visit(path.join(directory, entry.name));
      } else if (entry.isFile() && entry.name.endsWith('.py') && files.length < MAX_PROJECT_FILES) {
        files.push(path.join(directory, entry.name));
      }
    }
  };
  visit(root);
  return files;
}
