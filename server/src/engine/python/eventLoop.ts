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
import { MemoKey } from '../memo';
import { CallGraphIndex, ModuleEdges } from './callGraphIndex';
import { PythonBlockingApi, blockingApi } from './catalogue';
import { BODY_BOUNDARIES, firstParameterName, yieldsWithin } from './functionBodies';
import { namedChildren } from './parser';
import { SCOPE_TYPES } from './syntaxTree';
import { namedNodesOfTypes } from './treeNodes';
import type { SyntaxNode } from './parser';

const COMPREHENSIONS = ['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'];
import { PythonProject, methodOf } from './project';
import type { PythonModule } from './rule';
import { isNonBlockingForm } from './nonBlockingForm';
import { Resolutions } from './resolutions';
import { NameChanges, bindingChanges, bindingDependents } from './names';
import type { ModuleNames } from './names';
import { attributeWrites as attributeWritesOf } from './instanceAttributes';

export interface PyFunction {
  /** `function_definition` or `lambda`. */
  node: SyntaxNode;
  fileName: string;
  /** Unique in the project: file and offset. */
  key: string;
  name: string;
  isAsync: boolean;
  calls: PyCall[];
  /** For a method: its class (`self.m()` calls resolve there). */
  classNode?: SyntaxNode;
}

export interface PyCall {
  call: SyntaxNode;
  /** The def or lambda whose body makes the call; undefined at top level and in class bodies. */
  owner?: PyFunction;
  /** The scope node the call is in (names.ts `enclosingScope`). */
  scope: SyntaxNode;
  /** The blocking API the call is (not when it is awaited). */
  blocking?: PythonBlockingApi;
  /** The qualified name of the callee, when names.ts knows it. */
  callee?: string;
  /** How to find the project function called: a def of this module, or a qualified name to resolve in the project. */
  target?: Target;
  awaited: boolean;
}

type Target = { node: SyntaxNode } | { name: string };

interface ModuleSummary {
  functions: Map<number, PyFunction>;
  /** Every call by its node (a node is the same object in the next tree when the edit did not touch it). */
  calls: Map<SyntaxNode, PyCall>;
  /** Function expressions given to loop.call_soon & co., with the registering method. */
  callbacks: { target: Target; method: string }[];
  /** The callbacks each call registers: what the next tree's summary may take over with the call. */
  callbacksByCall: Map<SyntaxNode, { target: Target; method: string }[]>;
  /** What the calls were summarised against, for the next tree's summary to compare with: the module's names, and its attribute writes. */
  names: ModuleNames;
  attributeWrites: Map<string, string>;
}

/**
 * What of the previous tree's summary stands for this tree: a call of the previous tree (the same
 * node: its text and structure are unchanged), in the same scope, with every node around it old
 * (so the statements around it, a `try` that catches `BlockingIOError`, are unchanged too), whose
 * text names none of the `changed` names, means what it meant. A call's summary reads only its own
 * nodes, the nodes around it, the bindings of the names it is written with (and of the names
 * those bindings are written with), and the attribute writes of its class.
 */
interface ReusableCalls {
  summary: ModuleSummary;
  tree: PythonModule['tree'];
  changed: NameChanges;
}

/** Work counter for the tests: calls summarised (not taken over from the previous summary). */
export const summaryStats = { callsSummarised: 0 };

/** More changed names than this: summarise every call again (each call would be checked against each name). */
const MAX_CHANGED_NAMES = 64;

/**
 * The previous summary and the names whose meaning the edit may have changed: the bindings that
 * differ (names.ts `bindingChanges`), the attributes written differently, and, until nothing is
 * added, every binding written with a name changed in its scope or around it, and every attribute
 * written with a changed name.
 */
function reusableCalls(module: PythonModule, attributeWritesNow: Map<string, string>, summaryOfTree: (tree: PythonModule['tree']) => ModuleSummary | undefined): ReusableCalls | undefined {
  const previous = module.tree.previous && summaryOfTree(module.tree.previous);
  if (!previous) return undefined;
  const tree = module.tree;
  const changed = bindingChanges(previous.names, module.names, (node) => tree.counterparts.get(node));
  if (!changed) return undefined;
  const root = tree.rootNode;
  for (const [name, text] of attributeWritesNow) if (previous.attributeWrites.get(name) !== text) changed.add(name, root);
  for (const name of previous.attributeWrites.keys()) if (!attributeWritesNow.has(name)) changed.add(name, root);
  const dependents = bindingDependents(module.names);
  for (let grew = changed.size > 0; grew && changed.size <= MAX_CHANGED_NAMES; ) {
    grew = false;
    for (const { name, text, scope } of dependents) if (changed.reach(text, scope) && changed.add(name, scope)) grew = true;
    for (const [name, text] of attributeWritesNow) if (changed.mentioned(text) && changed.add(name, root)) grew = true;
  }
  if (changed.size > MAX_CHANGED_NAMES) return undefined;
  return { summary: previous, tree, changed };
}

/** Whether what the previous summary knew of `call` stands (see ReusableCalls). */
function callStands(call: SyntaxNode, known: PyCall, scope: SyntaxNode, awaited: boolean, reuse: ReusableCalls): boolean {
  if (known.awaited !== awaited || (known.scope !== scope && reuse.tree.counterparts.get(scope) !== known.scope)) return false;
  const { tree } = reuse;
  // Up to its function (or class, or the module) every node around the call is old; from there up,
  // every scope is old or has a counterpart whose bindings were compared.
  let node: SyntaxNode | null = call;
  for (; node && !BODY_BOUNDARIES.has(node.type); node = node.parent) if (tree.isNew(node)) return false;
  // (The module node, the one without a parent, is compared as the module's scope whatever it is.)
  for (; node?.parent; node = node.parent) if (SCOPE_TYPES.has(node.type) && tree.isNew(node) && !tree.counterparts.has(node)) return false;
  return !reuse.changed.reach(call.text, scope);
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

const SKIPPED_DIRECTORIES = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', 'env', 'build', 'dist']);
const MAX_PROJECT_FILES = 5000;

export function functionName(node: SyntaxNode): string {
  return node.type === 'lambda' ? 'lambda' : (node.childForFieldName('name')?.text ?? 'function');
}

export function functionKey(fileName: string, node: SyntaxNode): string {
  return `${fileName}#${node.startIndex}`;
}

/** A def, lambda, class or comprehension around the nodes that follow it (in document order). */
interface Container {
  node: SyntaxNode;
  type: string;
  end: number;
  /** Where its own scope starts and ends (a def's body, a lambda's parameters and body, a class body, a whole comprehension). */
  scopeStart: number;
  scopeEnd: number;
  /** A def's or lambda's body (calls there are the function's). */
  bodyStart: number;
  bodyEnd: number;
  fn?: PyFunction;
}

/** `self.session.get`: a method of something kept on the instance. */
const SELF_ATTRIBUTE_CALL = /^self\.[^.]+\./;
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

const SUMMARY_TYPES = ['call', 'function_definition', 'lambda', 'class_definition', 'await', ...COMPREHENSIONS];

/**
 * The module's functions, the calls each makes with their callee and target, and loop callbacks.
 * The nodes come from one `descendantsOfType` (the walk shared with the scopes and rules, where walking the
 * tree from JavaScript costs one per node); who owns a call and which scope it is in follow from
 * the ranges of the defs, lambdas, classes and comprehensions around it.
 */
function summarise(module: PythonModule, attributeWrites: Map<string, string>, reuse?: ReusableCalls): ModuleSummary {
  const functions = new Map<number, PyFunction>();
  const calls = new Map<SyntaxNode, PyCall>();
  const callbacks: ModuleSummary['callbacks'] = [];
  const callbacksByCall = new Map<SyntaxNode, ModuleSummary['callbacks']>();
  const summary: ModuleSummary = { functions, calls, callbacks, callbacksByCall, names: module.names, attributeWrites };
  const root = module.tree.rootNode;
  const stack: Container[] = [];
  const awaited = new Set<SyntaxNode>();
  for (const node of namedNodesOfTypes(module.tree, SUMMARY_TYPES)) {
    const start = node.startIndex;
    const end = node.endIndex;
    while (stack.length > 0 && stack[stack.length - 1].end <= start) stack.pop();
    let owner: PyFunction | undefined;
    let scope: SyntaxNode = root;
    let ownerFound = false;
    let scopeFound = false;
    let classNode: SyntaxNode | undefined;
    for (let i = stack.length - 1; i >= 0 && !(ownerFound && scopeFound); i--) {
      const container = stack[i];
      const inBody = start >= container.bodyStart && end <= container.bodyEnd;
      const inScope = start >= container.scopeStart && end <= container.scopeEnd;
      if (!scopeFound && inScope) {
        scope = container.node;
        scopeFound = true;
      }
      if (!ownerFound && inBody) {
        if (container.type === 'class_definition') {
          if (i === stack.length - 1) classNode = container.node;
          ownerFound = true;
        } else if (container.fn) {
          owner = container.fn;
          ownerFound = true;
        }
      }
    }
    const type = node.type;
    if (type === 'await') {
      const argument = node.firstNamedChild;
      if (argument) awaited.add(argument);
      continue;
    }
    if (type === 'call') {
      const known = reuse?.summary.calls.get(node);
      if (known && callStands(node, known, scope, awaited.has(node), reuse!)) {
        const info = pyCall(known.call, known.scope, known.awaited, owner ?? known.owner, known.callee, known.blocking, known.target);
        calls.set(node, info);
        owner?.calls.push(info);
        const registered = reuse!.summary.callbacksByCall.get(node);
        if (registered) {
          callbacks.push(...registered);
          callbacksByCall.set(node, registered);
        }
      } else {
        summaryStats.callsSummarised++;
        const before = callbacks.length;
        summariseCall(module, node, awaited.has(node), owner, scope, calls, callbacks);
        if (callbacks.length > before) callbacksByCall.set(node, callbacks.slice(before));
      }
      continue;
    }
    const container: Container = { node, type, end, scopeStart: start, scopeEnd: end, bodyStart: -1, bodyEnd: -1 };
    if (type === 'function_definition' || type === 'lambda' || type === 'class_definition') {
      const body = node.childForFieldName('body');
      container.bodyStart = body?.startIndex ?? end;
      container.bodyEnd = body?.endIndex ?? end;
      container.scopeStart = type === 'lambda' ? (node.childForFieldName('parameters')?.startIndex ?? container.bodyStart) : container.bodyStart;
      container.scopeEnd = container.bodyEnd;
      if (type === 'class_definition') {
        // Only the class body is the class's; it owns no calls of a function around it.
        container.bodyStart = container.scopeStart;
      }
    }
    if (type === 'function_definition' || type === 'lambda') {
      const fn: PyFunction = {
        node,
        fileName: module.fileName,
        key: functionKey(module.fileName, node),
        name: type === 'lambda' ? 'lambda' : (node.childForFieldName('name')?.text ?? 'function'),
        isAsync: type === 'function_definition' && module.text.startsWith('async', start),
        calls: [],
        // Always present (undefined for a function): one shape for every PyFunction.
        classNode: type === 'function_definition' ? classNode : undefined,
      };
      container.fn = fn;
      functions.set(start, fn);
    }
    stack.push(container);
  }
  return summary;
}

function summariseCall(module: PythonModule, call: SyntaxNode, awaited: boolean, owner: PyFunction | undefined, scope: SyntaxNode, calls: Map<SyntaxNode, PyCall>, callbacks: ModuleSummary['callbacks']): void {
  const callee = call.childForFieldName('function');
  // A plain dotted callee (`t.sleep`, `self.load`) is resolved from its text: no walk over its nodes;
  // `self.<attribute>.<method>` needs the nodes (what the class assigns to the attribute).
  const text = callee?.text ?? '';
  const dotted = DOTTED.test(text) && !SELF_ATTRIBUTE_CALL.test(text);
  const name = dotted ? module.names.qualifiedNameOfDotted(text, scope) : module.names.calleeName(call, scope);
  // An awaited method call is an async client's (`await client.get(u)`), whatever its name; an awaited
  // module function (`await time.sleep(1)`) still blocks before the await fails, as Ruff reports.
  const api = awaited && (name === undefined || name.includes('()')) ? undefined : blockingApi(name);
  const blocking = api && !(api.category === 'wait' && doesNotWait(call)) && !isNonBlockingForm(call, name, module.names, scope) ? api : undefined;
  const target = callee ? targetOf(module, callee, scope, owner, name) : undefined;
  const info = pyCall(call, scope, awaited, owner, name, blocking, target);
  calls.set(call, info);
  owner?.calls.push(info);
  const method = text.slice(text.lastIndexOf('.') + 1);
  if (CALLBACK_METHODS[method] !== undefined && callee?.type === 'attribute') {
    const index = CALLBACK_METHODS[method];
    const argument = index === undefined ? undefined : positionalArguments(call)[index];
    const callback = argument && targetOf(module, argument, scope, owner, undefined);
    if (callback) callbacks.push({ target: callback, method });
  }
}

/**
 * A call's summary, always with the same properties in the same order (absent ones undefined): the
 * rules read them for every call on every keystroke, and objects of one shape keep those reads
 * monomorphic (objects spread from optional parts took a shape per combination).
 */
function pyCall(call: SyntaxNode, scope: SyntaxNode, awaited: boolean, owner: PyFunction | undefined, callee: string | undefined, blocking: PythonBlockingApi | undefined, target: Target | undefined): PyCall {
  return { call, scope, awaited, owner, callee, blocking, target };
}

/** What a callee (or function reference) expression denotes, to be resolved in the project: a def of this module, or a qualified name. */
function targetOf(module: PythonModule, expression: SyntaxNode, scope: SyntaxNode, owner: PyFunction | undefined, qualified: string | undefined): Target | undefined {
  if (expression.type === 'lambda') return { node: expression };
  if (expression.type === 'identifier') {
    const binding = module.names.lookupFrom(expression.text, scope);
    if (binding?.kind === 'function' || binding?.kind === 'class') return { node: binding.node };
    if (binding?.kind === 'value' && !binding.call) {
      const local = module.names.definitionOf(binding.value);
      if (local) return { node: local };
    }
  }
  if (expression.type === 'attribute' && owner?.classNode) {
    const object = expression.childForFieldName('object');
    const attribute = expression.childForFieldName('attribute')?.text;
    if (object?.type === 'identifier' && attribute && object.text === firstParameterName(owner.node)) {
      const method = methodsOf(owner.classNode).get(attribute);
      if (method) return { node: method };
    }
  }
  if (expression.type === 'call') {
    // functools.partial(f, ...) is f.
    const first = positionalArguments(expression)[0];
    if (first && module.names.calleeName(expression, scope) === 'functools.partial') return targetOf(module, first, scope, owner, undefined);
    return undefined;
  }
  const name = qualified ?? module.names.qualifiedName(expression, 0, scope);
  return name && !/\(\).*\(\)/.test(name) && !name.startsWith('builtins.') ? { name } : undefined;
}

/** `lock.acquire(False)`, `lock.acquire(blocking=False)`, `q.get(block=False)`, `event.wait(0)`, `t.join(timeout=0)`: a wait that returns at once. */
function doesNotWait(call: SyntaxNode): boolean {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return false;
  const text = list.text.replace(/\s+/g, '');
  return /^\((False|0|0\.0)[,)]/.test(text) || /[(,](blocking|block)=False[,)]/.test(text) || /[(,]timeout=(0|0\.0)[,)]/.test(text);
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
  /** Calls into each project sync function, and callback functions with their registering method. */
  index: CallGraphIndex;
  reach: Map<string, EventLoopEntry[]>;
}

/** Each tree's summary, kept on the tree (memo.ts). */
const SUMMARY = new MemoKey<ModuleSummary>('event-loop summary');

export class PythonEventLoop {
  /** Qualified names resolved in the project, kept while the modules they read stand. */
  readonly resolutions: Resolutions;

  constructor(private readonly project: PythonProject) {
    this.resolutions = new Resolutions(project);
  }

  summaryOf(module: PythonModule): ModuleSummary {
    return this.project.derived(module, 'eventLoop.summary', () => {
      const attributeWrites = attributeWritesOf(module.tree.rootNode);
      const summary = summarise(module, attributeWrites, reusableCalls(module, attributeWrites, (tree) => tree.memo.peek(SUMMARY)));
      // Kept on the tree, for the next tree of the file to take over what stands (`reusableCalls`).
      module.tree.memo.set(SUMMARY, summary);
      return summary;
    });
  }

  /** The function a def or lambda node is, in its module's summary. */
  functionOf(module: PythonModule, node: SyntaxNode): PyFunction | undefined {
    return this.summaryOf(module).functions.get(node.startIndex);
  }

  /** Whether a def's own body yields (an `async def` that does is an async generator, not a coroutine function); kept per module text. */
  isGenerator(module: PythonModule, definition: SyntaxNode): boolean {
    const known = this.project.derived(module, 'eventLoop.generators', () => new Map<number, boolean>());
    let answer = known.get(definition.startIndex);
    if (answer === undefined) {
      const body = definition.childForFieldName('body');
      answer = body ? yieldsWithin(body) : false;
      known.set(definition.startIndex, answer);
    }
    return answer;
  }

  /** What the module's summary knows of a call (callee name, target, owner). */
  callOf(module: PythonModule, call: SyntaxNode): PyCall | undefined {
    return this.summaryOf(module).calls.get(call);
  }

  /** Why the function is event-loop code by itself: an async def, or a callback handed to the loop; undefined otherwise. */
  directContext(fn: PyFunction): string | undefined {
    if (fn.isAsync) return `async function '${fn.name}'`;
    const method = this.graph(fn.fileName).index.callbackMethod(fn.key);
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
        for (const step of graph.index.callers(key)) {
          if (seen.has(step.from.key)) continue;
          seen.add(step.from.key);
          const path = [step, ...chain];
          const method = step.from.isAsync ? undefined : graph.index.callbackMethod(step.from.key);
          const context = step.from.isAsync ? `async function '${step.from.name}'` : method !== undefined ? `the callback given to ${method}()` : undefined;
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
    return this.graph(fn.fileName).index.callers(fn.key);
  }

  /** The def (or class) a call of this module calls, in this module or another (resolutions kept while the modules they read stand). */
  definitionCalled(module: PythonModule, call: SyntaxNode): { module: PythonModule; node: SyntaxNode } | undefined {
    const info = this.callOf(module, call);
    return info?.target ? this.resolveTarget(module, info.target) : undefined;
  }

  private resolveTarget(module: PythonModule, target: Target, touched?: Set<string>): { module: PythonModule; node: SyntaxNode } | undefined {
    if ('node' in target) return { module, node: target.node };
    return this.resolutions.resolve(target.name, module.fileName, touched);
  }

  /** The project function a target is (a class means its `__init__`). */
  private functionOfTarget(module: PythonModule, target: Target, touched: Set<string>): PyFunction | undefined {
    const resolved = this.resolveTarget(module, target, touched);
    if (!resolved) return undefined;
    const node = resolved.node.type === 'class_definition' ? methodOf(resolved.node, '__init__') : resolved.node;
    return node ? this.functionOf(resolved.module, node) : undefined;
  }

  private graph(fileName: string): Graph {
    const root = this.project.rootOf(fileName);
    return this.project.projectDerived(`eventLoop.graph:${root}`, () => this.buildGraph(root));
  }

  /** Per root: each module's edges (the module they were computed from, the files their resolution read), indexed by target. */
  private readonly indexes = new Map<string, CallGraphIndex>();
  /** Per root, the modules the last build read, the project version it read them at, and whether every listed file had one. */
  private readonly builtFrom = new Map<string, { modules: Map<string, PythonModule>; version: number; complete: boolean }>();

  /**
   * The call graph of a project root. Incremental: a module's edges are kept while neither it nor
   * any module its names resolved through changed since the last build, so an edit re-resolves the
   * edited module and the modules that import from it.
   */
  private buildGraph(root: string): Graph {
    const index = this.indexes.get(root) ?? new CallGraphIndex();
    this.indexes.set(root, index);
    const version = this.project.currentVersion;
    const before = this.builtFrom.get(root);
    // After an edit: only the modules that changed since the last build, and those whose names
    // resolved through one of them, are looked at again (not every module of the project per keystroke).
    const changedSince = before && this.project.modulesChangedSince(before.version);
    if (before?.complete && changedSince) {
      const updated = new Map<string, PythonModule>();
      for (const file of changedSince) {
        if (!before.modules.has(file)) continue;
        const module = this.project.moduleOf(file);
        // A module that cannot be read any more changes the list of files: build again.
        if (!module) return this.buildWhole(root, index, version);
        if (module !== before.modules.get(file)) updated.set(file, module);
      }
      for (const [file, module] of updated) before.modules.set(file, module);
      before.version = version;
      const changed = new Set(updated.keys());
      this.resolutions.forgetFiles(changed);
      for (const file of index.filesTouching(changed)) this.indexEdges(index, file, before.modules.get(file)!, changed);
      return { index, reach: new Map() };
    }
    return this.buildWhole(root, index, version);
  }

  /** The call graph from every module of the root, taking over the indexed edges of modules that did not change. */
  private buildWhole(root: string, index: CallGraphIndex, version: number): Graph {
    const listed = this.project.filesOf(root, listPythonFiles);
    const modules = new Map<string, PythonModule>();
    for (const file of listed) {
      const module = this.project.moduleOf(file);
      if (module) modules.set(file, module);
    }
    const before = this.builtFrom.get(root)?.modules ?? new Map<string, PythonModule>();
    const changed = new Set<string>();
    for (const [file, module] of modules) if (before.get(file) !== module) changed.add(file);
    for (const file of before.keys()) if (!modules.has(file)) changed.add(file);
    this.resolutions.forgetFiles(changed);
    // A file added or removed can change what any name resolves to (a module that did not exist): start over.
    const files = [...modules.keys()];
    const sameFiles = before.size === modules.size && index.hasFiles(files);
    if (!sameFiles) index.reset(files);
    this.builtFrom.set(root, { modules, version, complete: modules.size === listed.length });
    for (const [file, module] of modules) this.indexEdges(index, file, module, changed);
    return { index, reach: new Map() };
  }

  /** Indexes a module's edges again when it changed or one of the files its names resolved through did. */
  private indexEdges(index: CallGraphIndex, file: string, module: PythonModule, changed: ReadonlySet<string>): void {
    const edges = index.edgesOf(file);
    if (!edges || edges.module !== module || edges.touched.some((touched) => changed.has(touched))) index.replace(file, this.edgesOf(module));
  }

  /** Work counter for the tests: modules whose call edges were indexed, over every root. */
  get modulesIndexed(): number {
    let count = 0;
    for (const index of this.indexes.values()) count += index.modulesIndexed;
    return count;
  }

  private edgesOf(module: PythonModule): ModuleEdges {
    const touched = new Set<string>([module.fileName]);
    const edges: ModuleEdges = { module, calls: [], callbacks: [], touched: [] };
    const summary = this.summaryOf(module);
    for (const { target, method } of summary.callbacks) {
      const fn = this.functionOfTarget(module, target, touched);
      if (fn && !fn.isAsync) edges.callbacks.push({ fn, method });
    }
    for (const fn of summary.functions.values()) {
      for (const site of fn.calls) {
        if (site.blocking || !site.target) continue;
        const target = this.functionOfTarget(module, site.target, touched);
        if (target && !target.isAsync) edges.calls.push({ from: fn, site: site.call, target });
      }
    }
    edges.touched = [...touched];
    return edges;
  }
}

const METHOD_TABLES = new MemoKey<Map<number, Map<string, SyntaxNode>>>('methods by class');

/** The methods defined in a class body, by name (kept per tree). */
function methodsOf(classNode: SyntaxNode): Map<string, SyntaxNode> {
  const byClass = classNode.tree.memo.get(METHOD_TABLES, () => new Map());
  let methods = byClass.get(classNode.id);
  if (!methods) {
    methods = new Map();
    for (const statement of classNode.childForFieldName('body')?.namedChildren ?? []) {
      const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      const name = definition?.type === 'function_definition' ? definition.childForFieldName('name')?.text : undefined;
      if (definition && name) methods.set(name, definition);
    }
    byClass.set(classNode.id, methods);
  }
  return methods;
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
