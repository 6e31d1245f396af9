#!/usr/bin/env node
// Generates a Python asyncio project of N modules for the benchmark (corpus gen-py-N): a `src/`
// layout, one top package `app` with five layers (core <- util <- models <- services <- handlers),
// each split into sub-packages of 20 modules whose `__init__.py` re-exports some of their names.
// Modules import lower layers in every form the project model must resolve: absolute
// (`from app.util.util_1.m_12 import f`), through a package's re-export (`from app.util.util_1 import f`),
// relative (`from .m_3 import f`, `from ..util_0.m_2 import f`, `from ...core.core_0.m_1 import f`),
// and aliased modules (`import app.util.util_1.m_12 as u12`). Async handlers call helpers across
// modules; some helpers block (time.sleep, open, requests.get, subprocess.run) a few calls deep;
// create_task, gather, classes with sync and async methods. A seeded share of the mistakes Loop
// Guard looks for: blocking calls directly in `async def` and through helpers, dropped tasks,
// coroutines never awaited, awaits in loops. Deterministic for a given (modules, seed).
//
// Plus one 2,000-line module for the editor measure: PY_EDIT_FILE.
//
//   node bench/generate-python.mjs --modules 1000 [--out bench/corpora/gen-py-1000] [--seed 1]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './generate.mjs';

/** The 2,000-line module the editor loop edits. */
export const PY_EDIT_FILE = 'src/app/services/big_service.py';
export const PY_EDIT_FILE_LINES = 2000;

const LAYERS = ['core', 'util', 'models', 'services', 'handlers'];
/** Share of the modules in each layer. */
const LAYER_SHARE = { core: 0.12, util: 0.25, models: 0.18, services: 0.25, handlers: 0.2 };
const PACKAGE_SIZE = 20;
const BLOCKING = [
  { module: 'time', call: (arg) => `time.sleep(${arg} / 1000)` },
  { module: null, call: (arg) => `open(f"/tmp/data_{${arg}}.txt").read()` },
  { module: 'requests', call: (arg) => `requests.get(f"https://example.com/items/{${arg}}", timeout=5).json()` },
  { module: 'subprocess', call: (arg) => `subprocess.run(["echo", str(${arg})], check=False, capture_output=True).stdout` },
  { module: 'os', call: (arg) => `os.path.exists(f"/tmp/lock_{${arg}}")` },
];

/**
 * Writes the project under `root` (replacing it) and returns { root, files: [relative paths],
 * modules: number of .py files, mistakes }.
 */
export function generatePythonProject(root, { modules = 1000, seed = 1, mistakeRate = 0.04 } = {}) {
  const random = rng(seed * 7919 + modules + 17);
  const pick = (n) => Math.floor(random() * n);
  const chance = (p) => random() < p;
  const choose = (list) => list[pick(list.length)];
  let mistakes = 0;
  const mistake = (p = mistakeRate) => {
    const yes = chance(p);
    if (yes) mistakes++;
    return yes;
  };
  rmSync(root, { recursive: true, force: true });
  // A checkout of its own (see bench/generate.mjs): the repo's "bench/corpora/" ignore line does not apply here.
  mkdirSync(path.join(root, '.git'), { recursive: true });
  const files = [];
  const write = (relative, text) => {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    files.push(relative);
  };
  write('pyproject.toml', `[project]\nname = "gen-py-${modules}"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["requests"]\n\n[tool.setuptools.packages.find]\nwhere = ["src"]\n`);

  // Plan: how many modules per layer and package. `__init__.py` files count as modules too.
  // Fixed files: app/__init__.py, one __init__.py per layer, the big module.
  const packagesFor = (count) => Math.max(1, Math.ceil(count / PACKAGE_SIZE));
  let budget = Math.max(LAYERS.length * 2, modules - 1 - LAYERS.length - 1);
  const plan = {};
  for (const layer of LAYERS) {
    const share = Math.max(2, Math.round(budget * LAYER_SHARE[layer]));
    plan[layer] = share;
  }
  // Each package's __init__.py comes out of its layer's share; fix the total to `modules`.
  const total = () => 1 + LAYERS.length + 1 + LAYERS.reduce((sum, layer) => sum + plan[layer], 0);
  while (total() > modules && plan.util > 2) plan.util--;
  while (total() < modules) plan.services++;

  /** Every module defined so far: { dotted, layer, pkg, name, fns: [{ name, async, blocking, depth }], classes: [...] }. */
  const defined = { core: [], util: [], models: [], services: [], handlers: [] };
  const reexported = new Map(); // package dotted name -> Set of names its __init__ re-exports

  const importFor = (from, target, name) => {
    // `from` and `target` are module records; returns [importLine, localExpression].
    const samePackage = from.pkg === target.pkg;
    const style = pick(10);
    const reexports = reexported.get(target.pkg);
    if (style < 3 && samePackage) return [`from .${target.name} import ${name}`, name];
    if (style < 3 && from.layer === target.layer) return [`from ..${target.pkg.split('.').at(-1)}.${target.name} import ${name}`, name];
    if (style < 3) return [`from ...${target.layer}.${target.pkg.split('.').at(-1)}.${target.name} import ${name}`, name];
    if (style < 5 && reexports?.has(name)) return [`from ${target.pkg} import ${name}`, name];
    if (style < 7) {
      const alias = `${target.layer[0]}${target.pkg.split('_').at(-1)}_${target.name}`;
      return [`import ${target.dotted} as ${alias}`, `${alias}.${name}`];
    }
    return [`from ${target.dotted} import ${name}`, name];
  };

  /** Picks up to `count` functions from lower layers (and earlier modules of the same layer); returns { imports, refs }. */
  const dependencies = (self, count, wantAsync) => {
    const layerIndex = LAYERS.indexOf(self.layer);
    const pool = [];
    for (let i = 0; i <= layerIndex; i++) pool.push(...defined[LAYERS[i]]);
    const imports = new Set();
    const refs = [];
    for (let k = 0; k < count && pool.length; k++) {
      const target = pool.length > 8 && chance(0.5) ? pool[pool.length - 1 - pick(Math.min(8, pool.length))] : choose(pool);
      const candidates = target.fns.filter((fn) => wantAsync === undefined || fn.async === wantAsync);
      if (!candidates.length) continue;
      const fn = choose(candidates);
      const [line, expression] = importFor(self, target, fn.name);
      imports.add(line);
      refs.push({ ...fn, expression });
    }
    return { imports, refs };
  };

  const moduleText = (self, i) => {
    const used = new Set(['asyncio']);
    const body = [];
    const fns = [];
    const header = [`"""${self.layer} module ${self.dotted} (generated)."""`];
    const helperCount = 2 + pick(3);
    const deps = dependencies(self, 1 + pick(3));
    const asyncDeps = dependencies(self, pick(3), true);
    const imports = new Set([...deps.imports, ...asyncDeps.imports]);
    const tag = `${self.layer[0]}${i}`;
    // Sync helpers; some block directly, some call a lower helper (so blocking is a few calls deep).
    for (let h = 0; h < helperCount; h++) {
      const name = `helper_${tag}_${h}`;
      const lines = [`def ${name}(value: int, scale: int = 2) -> int:`, `    """Helper ${h} of ${self.name}."""`, `    total = value * scale`];
      let blocking = false;
      let depth = 0;
      const sync = deps.refs.filter((ref) => !ref.async);
      if (self.layer === 'core' ? chance(0.3) : chance(0.08)) {
        const api = choose(BLOCKING);
        if (api.module) used.add(api.module);
        lines.push(`    data = ${api.call('value')}`, `    total += len(str(data))`);
        blocking = true;
        depth = 1;
      } else if (sync.length && chance(0.7)) {
        const ref = choose(sync);
        lines.push(`    total += ${ref.expression}(value)`);
        blocking = ref.blocking;
        depth = ref.blocking ? ref.depth + 1 : 0;
      }
      lines.push(`    for step in range(scale):`, `        total += step % 3`, `    return total`);
      body.push(lines.join('\n'));
      fns.push({ name, async: false, blocking, depth });
    }
    // Async functions: gather, create_task, awaits of lower coroutines; seeded mistakes.
    const asyncCount = self.layer === 'core' ? 1 : 2 + pick(2);
    for (let a = 0; a < asyncCount; a++) {
      const name = `${self.layer === 'handlers' ? 'handle' : 'fetch'}_${tag}_${a}`;
      const lines = [`async def ${name}(item_id: int) -> int:`, `    """Async ${a} of ${self.name}."""`, `    result = item_id`];
      const coros = asyncDeps.refs;
      const sync = fns.filter((fn) => !fn.async);
      if (coros.length) {
        const ref = choose(coros);
        if (chance(0.5)) lines.push(`    results = await asyncio.gather(*(${ref.expression}(n) for n in range(3)))`, `    result += sum(results)`);
        else lines.push(`    result += await ${ref.expression}(item_id)`);
        if (mistake()) lines.push(`    ${ref.expression}(item_id)  # seeded: coroutine never awaited`);
        if (mistake()) lines.push(`    asyncio.create_task(${ref.expression}(item_id))  # seeded: task dropped`);
        else if (chance(0.2)) lines.push(`    task = asyncio.create_task(${ref.expression}(item_id + 1))`, `    result += await task`);
        if (mistake()) lines.push(`    for n in range(item_id % 4):`, `        result += await ${ref.expression}(n)  # seeded: await in a loop`);
      } else lines.push(`    await asyncio.sleep(0)`);
      if (sync.length && chance(0.8)) {
        const helper = choose(sync);
        if (helper.blocking && chance(0.5)) lines.push(`    result += await asyncio.to_thread(${helper.name}, item_id)`);
        else {
          lines.push(`    result += ${helper.name}(item_id)${helper.blocking ? '  # seeded: blocks through a helper' : ''}`);
          if (helper.blocking) mistakes++;
        }
      }
      if (mistake()) {
        used.add('time');
        lines.push(`    time.sleep(0.01)  # seeded: blocking call in async def`);
      }
      lines.push(`    return result`);
      body.push(lines.join('\n'));
      fns.push({ name, async: true, blocking: false, depth: 0 });
    }
    // Models, services and handlers get a class with sync and async methods.
    if (self.layer !== 'core' && self.layer !== 'util') {
      const cls = `${self.layer === 'models' ? 'Model' : self.layer === 'services' ? 'Service' : 'Handler'}${tag.toUpperCase()}`;
      const asyncFn = fns.find((fn) => fn.async);
      const syncFn = fns.find((fn) => !fn.async);
      body.push(
        [
          `class ${cls}:`,
          `    """A ${self.layer} class."""`,
          '',
          `    def __init__(self, name: str) -> None:`,
          `        self.name = name`,
          `        self.items: dict[int, int] = {}`,
          '',
          `    def size(self) -> int:`,
          `        return len(self.items)`,
          '',
          `    def sleep(self, seconds: float) -> None:`,
          `        """Not time.sleep: a look-alike."""`,
          `        self.items[-1] = int(seconds)`,
          '',
          `    def compute(self, value: int) -> int:`,
          `        return ${syncFn.name}(value) + self.size()`,
          '',
          `    async def refresh(self, ids: list[int]) -> int:`,
          `        self.sleep(0.1)`,
          `        values = await asyncio.gather(*(${asyncFn.name}(i) for i in ids))`,
          `        for i, value in zip(ids, values):`,
          `            self.items[i] = value`,
          `        return self.size()`,
        ].join('\n'),
      );
    }
    const importLines = [...used].sort().map((m) => `import ${m}`);
    const text = `${header.join('\n')}\n${[...importLines, ...[...imports].sort()].join('\n')}\n\n\n${body.join('\n\n\n')}\n`;
    return { text, fns };
  };

  write('src/app/__init__.py', `"""The generated application."""\n__version__ = "0.1.0"\n`);
  for (const layer of LAYERS) {
    write(`src/app/${layer}/__init__.py`, `"""Layer ${layer}."""\n`);
    const count = plan[layer];
    const packages = packagesFor(count);
    // Each package: __init__.py + modules; spread `count` over them.
    let left = count;
    for (let p = 0; p < packages; p++) {
      const inPackage = Math.ceil(left / (packages - p));
      left -= inPackage;
      const pkg = `app.${layer}.${layer}_${p}`;
      const dir = `src/app/${layer}/${layer}_${p}`;
      const records = [];
      for (let m = 0; m < inPackage - 1; m++) {
        const index = defined[layer].length;
        const self = { dotted: `${pkg}.m_${m}`, layer, pkg, name: `m_${m}` };
        const { text, fns } = moduleText(self, index);
        self.fns = fns;
        write(`${dir}/m_${m}.py`, text);
        defined[layer].push(self);
        records.push(self);
      }
      // __init__.py re-exports one function of each of its first modules (absolute and relative forms).
      const names = new Set();
      const lines = [`"""Package ${pkg}: re-exports."""`];
      for (const [k, record] of records.entries()) {
        if (k % 2) continue;
        const fn = record.fns[0];
        names.add(fn.name);
        lines.push(k % 4 === 0 ? `from .${record.name} import ${fn.name}` : `from ${record.dotted} import ${fn.name} as ${fn.name}`);
      }
      lines.push(`\n__all__ = [${[...names].map((n) => JSON.stringify(n)).join(', ')}]`);
      write(`${dir}/__init__.py`, `${lines.join('\n')}\n`);
      reexported.set(pkg, names);
    }
  }
  write(PY_EDIT_FILE, bigModule(defined, { pick, chance, choose }));
  return { root, files, modules: files.filter((f) => f.endsWith('.py')).length, mistakes };
}

/** The 2,000-line module: imports from every layer, a large class with sync and async methods, top-level functions. */
function bigModule(defined, { pick, chance, choose }) {
  const lines = ['"""A large service module (the editor measure edits this file)."""', 'import asyncio', 'import time', '', 'import requests', ''];
  const targets = [...defined.util, ...defined.services.slice(0, 20)];
  const imported = [];
  for (let k = 0; k < 12 && targets.length; k++) {
    const target = targets[(k * 7) % targets.length];
    const fn = target.fns.find((f) => f.async) ?? target.fns[0];
    if (imported.some((f) => f.name === fn.name)) continue;
    // From app/services/big_service.py (package app.services): `.` is app.services, `..` is app.
    const relative = target.layer === 'services' ? `.${target.pkg.split('.').at(-1)}` : `..${target.layer}.${target.pkg.split('.').at(-1)}`;
    lines.push(k % 3 === 0 ? `from ${relative}.${target.name} import ${fn.name}` : `from ${target.dotted} import ${fn.name}`);
    imported.push(fn);
  }
  const asyncImported = imported.filter((f) => f.async);
  const syncImported = imported.filter((f) => !f.async);
  lines.push('', '', 'def _blocking_read(path: str) -> str:', '    with open(path) as handle:', '        return handle.read()', '', '', 'def _slow(value: int) -> int:', '    time.sleep(0.001)', '    return value + len(_blocking_read("/etc/hostname"))', '', '');
  lines.push('class BigService:', '    """Many methods, sync and async."""', '', '    def __init__(self) -> None:', '        self.cache: dict[int, int] = {}', '        self.tasks: set[asyncio.Task[int]] = set()', '');
  let n = 0;
  // Methods until ~1,400 lines, then top-level functions until PY_EDIT_FILE_LINES.
  while (lines.length < PY_EDIT_FILE_LINES * 0.7) {
    const coro = asyncImported.length ? choose(asyncImported) : undefined;
    if (n % 3 === 0) {
      lines.push(`    def compute_${n}(self, value: int) -> int:`, `        total = value`, `        for step in range(${2 + (n % 5)}):`, `            total += self.cache.get(step, step * ${n % 7})`);
      if (syncImported.length && chance(0.5)) lines.push(`        total += ${choose(syncImported).name}(value)`);
      lines.push(`        return total`, '');
    } else {
      lines.push(`    async def load_${n}(self, item_id: int) -> int:`, `        value = self.compute_${n - (n % 3)}(item_id)`);
      if (coro) lines.push(`        value += await ${coro.name}(item_id)`);
      if (n % 10 === 4) lines.push(`        value += _slow(item_id)`);
      if (n % 10 === 7) {
        lines.push(`        task = asyncio.create_task(self.load_${(n - 1) % 3 ? n - 1 : n - 2}(item_id + 1))`, `        self.tasks.add(task)`, `        task.add_done_callback(self.tasks.discard)`);
      }
      if (n % 17 === 5) lines.push(`        response = requests.get(f"https://example.com/{item_id}", timeout=5)`, `        value += response.status_code`);
      lines.push(`        self.cache[item_id] = value`, `        return value`, '');
    }
    n++;
  }
  lines.push('');
  let f = 0;
  while (lines.length < PY_EDIT_FILE_LINES - 12) {
    if (f % 2 === 0) lines.push(`def transform_${f}(values: list[int]) -> list[int]:`, `    return [v * ${f % 9 + 1} + ${pick(100)} for v in values if v % ${f % 4 + 2}]`, '', '');
    else {
      lines.push(`async def run_${f}(service: BigService, ids: list[int]) -> int:`, `    results = await asyncio.gather(*(service.load_1(i) for i in ids))`, `    return sum(transform_${f - 1}(list(results)))`, '', '');
    }
    f++;
  }
  lines.push('async def main() -> None:', '    service = BigService()', '    await run_1(service, [1, 2, 3])');
  while (lines.length < PY_EDIT_FILE_LINES - 4) lines.push('    await asyncio.sleep(0)');
  lines.push('', '', 'if __name__ == "__main__":', '    asyncio.run(main())');
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : fallback;
  };
  const modules = Number(option('modules', '1000'));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = path.resolve(option('out', path.join(here, 'corpora', `gen-py-${modules}`)));
  const result = generatePythonProject(out, { modules, seed: Number(option('seed', '1')) });
  process.stdout.write(`wrote ${result.modules} Python modules to ${out} (${result.mistakes} seeded mistakes)\n`);
}
