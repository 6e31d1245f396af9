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
import { CallGraphIndex, ModuleEdges } from './callGraphIndex';
import { PythonBlockingApi, blockingApi } from './catalogue';
import { firstParameterName, yieldsWithin } from './functionBodies';
import { namedChildren } from './parser';
import { namedNodesOfTypes } from './treeNodes';
import type { SyntaxNode } from './parser';

const COMPREHENSIONS = ['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'];
import { PythonProject, ResolvedDefinition, methodOf } from './project';
import type { PythonModule } from './rule';
import { isNonBlockingForm } from './nonBlockingForm';

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
}

/**
 * The previous summary of a file whose tree is the previous tree with one statement re-parsed
 * (syntaxTree.ts `statementEdit`): its calls outside `dirtyStart`..`dirtyEnd` (the function around the
 * statement, new offsets) are the same nodes in the same scopes, and what is known of them stands.
 */
interface ReusableCalls {
  summary: ModuleSummary;
  dirtyStart: number;
  dirtyEnd: number;
}

/** Work counter for the tests: calls summarised (not taken over from the previous summary). */
export const summaryStats = { callsSummarised: 0 };

/** Statements whose change can reach calls outside their function: module names bound from inside, an instance attribute assigned. */
const REACHING_STATEMENTS = ['global_statement', 'nonlocal_statement', 'delete_statement'];
const BINDING_TARGETS = ['assignment', 'augmented_assignment', 'for_statement', 'for_in_clause', 'as_pattern', 'named_expression'];

/**
 * What of the previous summary stands for this tree: only after a statement re-parsed alone, inside
 * a function, binding nothing outside it (no `global`/`nonlocal`/`del`, no assignment to an
 * attribute, before or after the edit). The function around it is summarised again (its calls see
 * its new local names); every other call is the same node in the same scopes.
 */
function reusableCalls(tree: PythonModule['tree'], summaryOfTree: (tree: PythonModule['tree']) => ModuleSummary | undefined): ReusableCalls | undefined {
  const edit = tree.statementEdit;
  const previous = edit && summaryOfTree(edit.previous);
  if (!edit || !previous) return undefined;
  const dirty = editedFunction(edit.before, edit.after, edit.previous.text, tree.text);
  if (!dirty || reachesOutside(edit.before) || reachesOutside(edit.after)) return undefined;
  return { summary: previous, dirtyStart: dirty.startIndex, dirtyEnd: dirty.endIndex };
}

/**
 * The function whose calls an edit of one statement can change: the function around the statement,
 * or the statement itself when it is a def (decorated or not) whose decorators and `def` line are
 * unchanged (its name, parameters and `async` are what other code sees of it). None at module or
 * class level.
 */
function editedFunction(before: SyntaxNode, after: SyntaxNode, beforeText: string, afterText: string): SyntaxNode | undefined {
  const definition = (statement: SyntaxNode) => (statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement);
  const [defBefore, defAfter] = [definition(before), definition(after)];
  if (defAfter?.type === 'function_definition' || defBefore?.type === 'function_definition') {
    const header = (statement: SyntaxNode, def: SyntaxNode | null, text: string) => text.slice(statement.startIndex, def?.childForFieldName('body')?.startIndex ?? statement.endIndex);
    return defBefore?.type === defAfter?.type && header(before, defBefore, beforeText) === header(after, defAfter, afterText) ? after : undefined;
  }
  let fn: SyntaxNode | null = after.parent;
  while (fn && fn.type !== 'function_definition' && fn.type !== 'lambda') fn = fn.parent;
  return fn ?? undefined;
}

function reachesOutside(statement: SyntaxNode): boolean {
  if (statement.descendantsOfType(REACHING_STATEMENTS).length > 0) return true;
  return statement.descendantsOfType(BINDING_TARGETS).some((binding) => {
    const target = binding.childForFieldName('left') ?? binding.childForFieldName('alias') ?? binding.childForFieldName('name');
    return target !== null && bindsAttribute(target);
  });
}

/** `self.x = ...`, `a, self.x = ...` (not `self.x[k] = ...`, which changes what `self.x` holds, not what it is). */
function bindsAttribute(target: SyntaxNode): boolean {
  if (target.type === 'attribute') return true;
  if (!PATTERNS.has(target.type)) return false;
  return target.namedChildren.some(bindsAttribute);
}

const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'as_pattern_target', 'list_splat_pattern']);

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
function summarise(module: PythonModule, reuse?: ReusableCalls): ModuleSummary {
  const functions = new Map<number, PyFunction>();
  const calls = new Map<SyntaxNode, PyCall>();
  const callbacks: ModuleSummary['callbacks'] = [];
  const callbacksByCall = new Map<SyntaxNode, ModuleSummary['callbacks']>();
  const summary: ModuleSummary = { functions, calls, callbacks, callbacksByCall };
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
      const known = reuse && (start < reuse.dirtyStart || end > reuse.dirtyEnd) ? reuse.summary.calls.get(node) : undefined;
      if (known) {
        const info: PyCall = { ...known, ...(owner ? { owner } : {}) };
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
        ...(classNode && type === 'function_definition' ? { classNode } : {}),
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
  const info: PyCall = { call, scope, awaited, ...(owner ? { owner } : {}), ...(name ? { callee: name } : {}), ...(blocking ? { blocking } : {}), ...(target ? { target } : {}) };
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

export class PythonEventLoop {
  constructor(private readonly project: PythonProject) {}

  /** The summary made of each tree, for the next tree of the file to take over what stands (`reusableCalls`); held as long as the tree is. */
  private readonly summariesByTree = new WeakMap<PythonModule['tree'], ModuleSummary>();

  summaryOf(module: PythonModule): ModuleSummary {
    return this.project.derived(module, 'eventLoop.summary', () => {
      const summary = summarise(module, reusableCalls(module.tree, (tree) => this.summariesByTree.get(tree)));
      this.summariesByTree.set(module.tree, summary);
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

  /** The def (or class) a call of this module calls, in this module or another (resolutions kept until a module's text changes). */
  definitionCalled(module: PythonModule, call: SyntaxNode): { module: PythonModule; node: SyntaxNode } | undefined {
    const info = this.callOf(module, call);
    if (!info?.target) return undefined;
    const memo = this.project.projectDerived('eventLoop.resolutions', () => new Map<string, { resolved: ResolvedDefinition | undefined; touched: string[] }>());
    return this.resolveTarget(module, info.target, memo);
  }

  private resolveTarget(module: PythonModule, target: Target, memo?: Map<string, { resolved: ResolvedDefinition | undefined; touched: string[] }>, touched?: Set<string>): { module: PythonModule; node: SyntaxNode } | undefined {
    if ('node' in target) return { module, node: target.node };
    const key = `${target.name}@${module.fileName}`;
    let known = memo?.get(key);
    if (!known) {
      const files = new Set<string>();
      known = { resolved: this.project.resolve(target.name, module.fileName, 0, files), touched: [...files] };
      memo?.set(key, known);
    }
    for (const file of known.touched) touched?.add(file);
    return known.resolved;
  }

  /** The project function a target is (a class means its `__init__`). */
  private functionOfTarget(module: PythonModule, target: Target, memo: Map<string, { resolved: ResolvedDefinition | undefined; touched: string[] }>, touched: Set<string>): PyFunction | undefined {
    const resolved = this.resolveTarget(module, target, memo, touched);
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
  private readonly builtFrom = new Map<string, Map<string, PythonModule>>();

  /**
   * The call graph of a project root. Incremental: a module's edges are kept while neither it nor
   * any module its names resolved through changed since the last build, so an edit re-resolves the
   * edited module and the modules that import from it.
   */
  private buildGraph(root: string): Graph {
    const memo = new Map<string, { resolved: ResolvedDefinition | undefined; touched: string[] }>();
    const modules = new Map<string, PythonModule>();
    for (const file of this.project.filesOf(root, listPythonFiles)) {
      const module = this.project.moduleOf(file);
      if (module) modules.set(file, module);
    }
    const before = this.builtFrom.get(root) ?? new Map<string, PythonModule>();
    const changed = new Set<string>();
    for (const [file, module] of modules) if (before.get(file) !== module) changed.add(file);
    for (const file of before.keys()) if (!modules.has(file)) changed.add(file);
    // A file added or removed can change what any name resolves to (a module that did not exist): start over.
    const files = [...modules.keys()];
    let index = this.indexes.get(root);
    if (!index) {
      index = new CallGraphIndex();
      this.indexes.set(root, index);
    }
    const sameFiles = before.size === modules.size && index.hasFiles(files);
    if (!sameFiles) index.reset(files);
    this.builtFrom.set(root, modules);
    for (const [file, module] of modules) {
      const edges = index.edgesOf(file);
      if (!edges || edges.module !== module || edges.touched.some((touched) => changed.has(touched))) index.replace(file, this.edgesOf(module, memo));
    }
    return { index, reach: new Map() };
  }

  /** Work counter for the tests: modules whose call edges were indexed, over every root. */
  get modulesIndexed(): number {
    let count = 0;
    for (const index of this.indexes.values()) count += index.modulesIndexed;
    return count;
  }

  private edgesOf(module: PythonModule, memo: Map<string, { resolved: ResolvedDefinition | undefined; touched: string[] }>): ModuleEdges {
    const touched = new Set<string>([module.fileName]);
    const edges: ModuleEdges = { module, calls: [], callbacks: [], touched: [] };
    const summary = this.summaryOf(module);
    for (const { target, method } of summary.callbacks) {
      const fn = this.functionOfTarget(module, target, memo, touched);
      if (fn && !fn.isAsync) edges.callbacks.push({ fn, method });
    }
    for (const fn of summary.functions.values()) {
      for (const site of fn.calls) {
        if (site.blocking || !site.target) continue;
        const target = this.functionOfTarget(module, site.target, memo, touched);
        if (target && !target.isAsync) edges.calls.push({ from: fn, site: site.call, target });
      }
    }
    edges.touched = [...touched];
    return edges;
  }
}

const methodTables = new WeakMap<object, Map<number, Map<string, SyntaxNode>>>();

/** The methods defined in a class body, by name (kept per tree). */
function methodsOf(classNode: SyntaxNode): Map<string, SyntaxNode> {
  let byClass = methodTables.get(classNode.tree);
  if (!byClass) {
    byClass = new Map();
    methodTables.set(classNode.tree, byClass);
  }
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
