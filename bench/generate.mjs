#!/usr/bin/env node
// Generates a TypeScript project of N files for the benchmark and the incremental test:
// layered import graph (core <- util <- models <- services <- handlers), classes, async services
// calling helpers, and a seeded share of the mistakes Loop Guard (and its peers) look for:
// sync fs in async code, floating promises, returning a promise from try without await, async
// callbacks to forEach, await on a non-promise. Deterministic for a given (files, seed).
//
//   node bench/generate.mjs --files 1000 [--out bench/corpora/gen-1000] [--seed 1]
//
// Files that the benchmark edits: src/services/busy.ts (a big service that imports many modules)
// and src/core/types.ts (imported by every model and service).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUSY_FILE = 'src/services/busy.ts';
export const HUB_FILE = 'src/core/types.ts';
export const LEAF_DIR = 'src/util';

/** The seeded generator (xorshift32) of the generated corpora (also bench/generate-python.mjs). */
export function rng(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** Writes the project and returns { root, files: [relative paths], mistakes }. */
export function generateProject(root, { files = 1000, seed = 1, mistakeRate = 0.04 } = {}) {
  const random = rng(seed * 7919 + files);
  const pick = (n) => Math.floor(random() * n);
  const chance = (p) => random() < p;
  rmSync(root, { recursive: true, force: true });
  // A checkout of its own: tools that honour .gitignore (our CLI, oxlint) stop looking upwards
  // here, so the repo's "bench/corpora/" ignore line does not hide the corpus from them.
  mkdirSync(path.join(root, '.git'), { recursive: true });
  const written = [];
  let mistakes = 0;
  const write = (relative, text) => {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    written.push(relative);
  };
  const mistake = (p = mistakeRate) => {
    const yes = chance(p);
    if (yes) mistakes++;
    return yes;
  };

  write(
    'tsconfig.json',
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['src/**/*.ts'],
      },
      null,
      2,
    ) + '\n',
  );
  write('package.json', JSON.stringify({ name: path.basename(root), private: true, type: 'commonjs' }, null, 2) + '\n');

  // core: 4 files
  write(
    HUB_FILE,
    `// Shared types: every model and service imports this file.
export interface Result<T> {
  ok: boolean;
  value?: T;
  error?: string;
}

export type Id = string;

export interface Entity {
  id: Id;
  createdAt: number;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T>(error: string): Result<T> {
  return { ok: false, error };
}

export const DEFAULT_TIMEOUT_MS = 5000;
`,
  );
  write(
    'src/core/logger.ts',
    `export interface Logger {
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

export const logger: Logger = {
  info: (message, ...args) => console.log(message, ...args),
  warn: (message, ...args) => console.warn(message, ...args),
  error: (message, ...args) => console.error(message, ...args),
};
`,
  );
  write(
    'src/core/base.ts',
    `import { Entity, Id } from './types';

export abstract class BaseModel implements Entity {
  readonly createdAt = Date.now();
  constructor(readonly id: Id) {}
  abstract validate(): boolean;
  toJSON(): Record<string, unknown> {
    return { id: this.id, createdAt: this.createdAt };
  }
}
`,
  );
  write(
    'src/core/config.ts',
    `import { promises as fsp } from 'node:fs';

export interface AppConfig {
  dataDir: string;
  retries: number;
}

export async function loadConfig(file: string): Promise<AppConfig> {
  const text = await fsp.readFile(file, 'utf8');
  return JSON.parse(text) as AppConfig;
}
`,
  );

  const remaining = Math.max(files - 8, 20);
  const counts = {
    util: Math.round(remaining * 0.3),
    models: Math.round(remaining * 0.2),
    services: Math.round(remaining * 0.35),
  };
  counts.handlers = Math.max(remaining - counts.util - counts.models - counts.services, 1);

  // util: leaf helpers (import core and up to two earlier helpers)
  for (let i = 0; i < counts.util; i++) {
    const imports = new Set();
    const uses = [];
    for (let k = 0; k < 2 && i > 0; k++) {
      if (!chance(0.6)) continue;
      const j = pick(i);
      if (imports.has(j)) continue;
      imports.add(j);
      uses.push(j);
    }
    const importLines = uses.map((j) => `import { format${j}, parse${j} } from './helper${j}';`).join('\n');
    const blocking = mistake();
    write(
      `${LEAF_DIR}/helper${i}.ts`,
      `import * as fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import { logger } from '../core/logger';
${importLines}

export interface Options${i} {
  retries: number;
  label: string;
}

export function format${i}(value: number, options: Options${i} = { retries: 1, label: 'v${i}' }): string {
  const parts: string[] = [];
  for (let attempt = 0; attempt < options.retries; attempt++) {
    parts.push(\`\${options.label}:\${(value * (attempt + 1)).toFixed(2)}\`);
  }
  return parts.join(',')${uses.length ? ` + format${uses[0]}(value)` : ''};
}

export function parse${i}(text: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const line of text.split('\\n')) {
    const [key, raw] = line.split('=');
    if (key && raw) result[key.trim()] = Number(raw)${uses.length > 1 ? ` + Object.keys(parse${uses[1]}(raw)).length` : ''};
  }
  return result;
}

export async function load${i}(file: string): Promise<Record<string, number>> {
${blocking ? `  const text = fs.readFileSync(file, 'utf8');` : `  const text = await fsp.readFile(file, 'utf8');`}
  logger.info('loaded', file);
  return parse${i}(text);
}

export function loadSync${i}(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

export async function delay${i}(ms: number): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, ms));
}
`,
    );
  }

  // models: classes over core
  for (let i = 0; i < counts.models; i++) {
    const helper = pick(counts.util);
    write(
      `src/models/model${i}.ts`,
      `import { BaseModel } from '../core/base';
import { Id, Result, ok, err } from '../core/types';
import { format${helper} } from '../util/helper${helper}';

export class Model${i} extends BaseModel {
  name: string;
  amount: number;
  tags: string[] = [];

  constructor(id: Id, name: string, amount = 0) {
    super(id);
    this.name = name;
    this.amount = amount;
  }

  validate(): boolean {
    return this.name.length > 0 && this.amount >= 0;
  }

  describe(): string {
    return \`\${this.name} (\${format${helper}(this.amount)})\`;
  }

  static parse(raw: Record<string, unknown>): Result<Model${i}> {
    if (typeof raw.id !== 'string' || typeof raw.name !== 'string') return err('bad model${i}');
    return ok(new Model${i}(raw.id, raw.name, Number(raw.amount ?? 0)));
  }
}
`,
    );
  }

  // services: async classes over models, helpers and earlier services
  const serviceText = (i, name, extraImports) => {
    const model = pick(counts.models);
    const helpers = [...new Set([pick(counts.util), pick(counts.util), pick(counts.util)])];
    const dep = i > 0 ? pick(i) : -1;
    const lines = [];
    lines.push(`import { logger } from '../core/logger';`);
    lines.push(`import { Id, Result, ok, err, DEFAULT_TIMEOUT_MS } from '../core/types';`);
    lines.push(`import { Model${model} } from '../models/model${model}';`);
    for (const h of helpers) lines.push(`import { load${h}, delay${h}, format${h} } from '../util/helper${h}';`);
    if (dep >= 0) lines.push(`import { Service${dep} } from './service${dep}';`);
    const extra = [];
    for (let k = 0; k < extraImports; k++) {
      const j = pick(counts.services);
      if (extra.includes(j) || j === i || j === dep) continue;
      extra.push(j);
      lines.push(`import { Service${j} } from './service${j}';`);
    }
    const h0 = helpers[0];
    const h1 = helpers[helpers.length - 1];
    const body = [];
    body.push(`
export class ${name} {
  private readonly cache = new Map<Id, Model${model}>();
  private running = false;
${dep >= 0 ? `  constructor(private readonly upstream?: Service${dep}) {}` : `  constructor() {}`}

  async fetch(id: Id): Promise<Model${model}> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const raw = await load${h0}(\`/data/${name.toLowerCase()}/\${id}.txt\`);
    const model = new Model${model}(id, Object.keys(raw).join('-') || id, raw.amount ?? 0);
    this.cache.set(id, model);
    return model;
  }

  async fetchAll(ids: Id[]): Promise<Model${model}[]> {
    return Promise.all(ids.map((id) => this.fetch(id)));
  }

  async refresh(ids: Id[]): Promise<void> {
    for (const id of ids) {
      this.cache.delete(id);
      await this.fetch(id);
    }
    await delay${h1}(10);
  }

  async process(id: Id): Promise<Result<number>> {
    try {
${mistake() ? `      const model = await this.fetch(id);\n      await format${h1}(model.amount);` : `      const model = await this.fetch(id);\n      format${h1}(model.amount);`}
      if (!model.validate()) return err('invalid');
${dep >= 0 ? `      const other = this.upstream ? await this.upstream.fetch(id) : undefined;\n      return ok(model.amount + (other ? 1 : 0));` : `      return ok(model.amount);`}
    } catch (error) {
      logger.error('process failed', error);
      return err(String(error));
    }
  }

  async total(ids: Id[]): Promise<number> {
    let sum = 0;
    for (const id of ids) {
      const result = await this.process(id);
      if (result.ok && result.value !== undefined) sum += result.value;
    }
    return sum;
  }

  async safeFetch(id: Id): Promise<Model${model} | undefined> {
    try {
      return ${mistake() ? '' : 'await '}this.fetch(id);
    } catch {
      return undefined;
    }
  }

  start(ids: Id[]): void {
    if (this.running) return;
    this.running = true;
${mistake() ? `    this.refresh(ids);` : `    void this.refresh(ids);`}
    setInterval(() => {
      this.refresh(ids).catch((error) => logger.warn('refresh failed', error));
    }, DEFAULT_TIMEOUT_MS);
  }

  async warm(ids: Id[]): Promise<void> {
${mistake() ? `    ids.forEach(async (id) => {\n      await this.fetch(id);\n    });` : `    await Promise.all(ids.map(async (id) => this.fetch(id)));`}
  }

  async report(id: Id): Promise<string> {
    const model = await this.fetch(id);
    return \`${name}: \${model.describe()} \${format${h0}(model.amount)}\`;
  }
`);
    for (const j of extra) {
      body.push(`
  async combine${j}(other: Service${j}, id: Id): Promise<number> {
    const [a, b] = await Promise.all([this.process(id), other.process(id)]);
    return (a.value ?? 0) + (b.value ?? 0);
  }
`);
    }
    body.push(`}\n`);
    return `${lines.join('\n')}\n${body.join('')}`;
  };
  for (let i = 0; i < counts.services; i++) write(`src/services/service${i}.ts`, serviceText(i, `Service${i}`, pick(3)));
  write(BUSY_FILE, serviceText(counts.services, 'BusyService', 24));

  // handlers: use services
  for (let i = 0; i < counts.handlers; i++) {
    const a = pick(counts.services);
    const b = pick(counts.services);
    const floating = mistake();
    write(
      `src/handlers/handler${i}.ts`,
      `import { Service${a} } from '../services/service${a}';
${a !== b ? `import { Service${b} } from '../services/service${b}';\n` : ''}import { logger } from '../core/logger';

export interface Request${i} {
  ids: string[];
}

export async function handle${i}(request: Request${i}): Promise<number> {
  const service = new Service${a}();
${a !== b ? `  const second = new Service${b}();\n` : '  const second = service;\n'}  const total = await service.total(request.ids);
${floating ? `  second.refresh(request.ids);` : `  await second.refresh(request.ids);`}
  logger.info('handled ${i}', total);
  return total;
}

export function register${i}(on: (name: string, listener: (request: Request${i}) => void) => void): void {
  on('request${i}', (request) => {
    handle${i}(request).catch((error) => logger.error('handler ${i} failed', error));
  });
}
`,
    );
  }
  write('src/index.ts', `export * from './core/types';\nexport { BusyService } from './services/busy';\n`);
  return { root, files: written.filter((file) => file.endsWith('.ts')), mistakes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (name, fallback) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : fallback;
  };
  const files = Number(get('files', '1000'));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = path.resolve(get('out', path.join(here, 'corpora', `gen-${files}`)));
  const result = generateProject(out, { files, seed: Number(get('seed', '1')) });
  console.log(`${out}: ${result.files.length} .ts files, ${result.mistakes} seeded mistakes`);
}
