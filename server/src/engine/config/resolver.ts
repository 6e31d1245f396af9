// Which configuration is in force for a file: the nearest loopguard.json found walking up from the
// file's folder to the repository root (the folder holding .git) or, outside a repository, to the
// workspace folder (the CLI: its working folder), so the editor and CI find the same file. What it extends is
// applied first and its overrides whose `files` match applied after. Nearest wins, as in Ruff and
// oxlint: a nested loopguard.json replaces its parents for its folder unless it extends one.
// Settings from the editor or the command line are the base; their rule severities (personal
// overrides) go on top of the file's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { Minimatch } from 'minimatch';
import { LineMap, type SeveritySetting } from '../findings';
import { isDirectory, isFile } from '../host/fileSystem';
import { NearestFile } from '../host/nearestFile';
import type { LoopGuardSettings } from '../settings';
import { BlockingConfig, CONFIG_FILE_NAME, ConfigFile, ConfigLayer, ConfigProblem, ConfigVocabulary, parseConfigFile } from './configFile';

export interface ResolvedConfig {
  /** The nearest loopguard.json: the one in force for the file (undefined: none, defaults apply). */
  file?: string;
  /** Every config file it reads: what it extends (transitively, first), then itself. */
  files: string[];
  settings: LoopGuardSettings;
  blocking: BlockingConfig;
  /** The file matches `ignores`: it is not analysed. */
  ignored: boolean;
  /** Identifies settings and blocking lists, for caches keyed by "the config in force". */
  fingerprint: string;
  /** Problems in the config files it reads (each bad value was left out; the rest applies). */
  problems: ConfigProblem[];
}

export interface ConfigResolverOptions {
  vocabulary: ConfigVocabulary;
  /** Folders where the lookup stops when they are in no repository (workspace folders, the CLI's working folder); a repository root always stops it. */
  roots?: readonly string[];
  /** Reads a file; undefined when it cannot be read. Tests and the server's open documents may override it. */
  readFile?: (file: string) => string | undefined;
}

interface Loaded {
  config?: ConfigFile;
  problems: ConfigProblem[];
}

/** A config with what it extends, in application order, each with the folder its globs are relative to. */
interface ChainLink {
  config: ConfigFile;
  globBase: string;
  ignores?: Ignore;
  overrides: { files: Minimatch[]; layer: ConfigLayer }[];
}

interface Chain {
  links: ChainLink[];
  problems: ConfigProblem[];
}

export class ConfigResolver {
  private readonly readFile: (file: string) => string | undefined;
  private readonly nearest: NearestFile;
  private readonly loaded = new Map<string, Loaded>();
  private readonly chains = new Map<string, Chain>();
  private readonly resolved = new Map<string, ResolvedConfig>();
  private resolvedFor: LoopGuardSettings | undefined;

  constructor(private readonly options: ConfigResolverOptions) {
    this.nearest = new NearestFile(CONFIG_FILE_NAME, options.roots);
    this.readFile = options.readFile ?? readText;
  }

  /** Forgets what was read (a loopguard.json, or a folder's files, changed on disk). */
  invalidate(): void {
    this.nearest.clear();
    this.loaded.clear();
    this.chains.clear();
    this.resolved.clear();
  }

  /** The nearest loopguard.json above a file, within its workspace folder or repository. */
  nearestConfig(fileName: string): string | undefined {
    return this.nearest.above(fileName);
  }

  /** The configuration in force for a file, on top of `base` (the editor's or the CLI's settings). */
  resolve(fileName: string, base: LoopGuardSettings): ResolvedConfig {
    if (this.resolvedFor !== base) {
      this.resolved.clear();
      this.resolvedFor = base;
    }
    const absolute = path.resolve(fileName);
    const cached = this.resolved.get(absolute);
    if (cached) return cached;
    const nearest = this.nearestConfig(absolute);
    const chain = nearest ? this.chainOf(nearest, path.dirname(nearest), []) : { links: [], problems: [] };
    const result = apply(absolute, nearest, chain, base);
    this.resolved.set(absolute, result);
    return result;
  }

  /** Every config file read so far with its problems (the server shows them on the files). */
  loadedConfigs(): { file: string; problems: ConfigProblem[] }[] {
    return [...this.loaded].map(([file, loaded]) => ({ file, problems: loaded.problems }));
  }

  /** The text a loaded config file had when it was read. */
  textOf(file: string): string | undefined {
    return this.loaded.get(file)?.config?.text;
  }

  /** Reads (once) and checks one config file. */
  load(file: string): Loaded {
    let loaded = this.loaded.get(file);
    if (!loaded) {
      const text = this.readFile(file);
      loaded =
        text === undefined
          ? { problems: [{ file, line: 1, column: 1, start: 0, end: 0, message: 'cannot be read: check that it exists and that you may read it.' }] }
          : parseConfigFile(file, text, this.options.vocabulary);
      this.loaded.set(file, loaded);
    }
    return loaded;
  }

  private chainOf(file: string, globBase: string, stack: string[]): Chain {
    const key = `${file}\u0000${globBase}`;
    const cached = this.chains.get(key);
    if (cached) return cached;
    const { config, problems: own } = this.load(file);
    const chain: Chain = { links: [], problems: [...own] };
    if (config) {
      for (const entry of config.extends) {
        const target = resolveExtends(entry.spec, config.dir);
        const problem = (message: string) => chain.problems.push({ file, ...lineColumn(config.text, entry.start), start: entry.start, end: entry.end, message });
        if ('error' in target) {
          problem(target.error);
          continue;
        }
        if (target.file === file || stack.includes(target.file)) {
          problem(`"extends": "${entry.spec}" leads back to ${path.basename(target.file)} (a cycle); remove one of the two extends.`);
          continue;
        }
        // A shared config from a package has no folder of the project: its globs are read from the config that extends it.
        const parent = this.chainOf(target.file, target.fromPackage ? globBase : path.dirname(target.file), [...stack, file]);
        chain.links.push(...parent.links);
        for (const inherited of parent.problems) if (!chain.problems.includes(inherited)) chain.problems.push(inherited);
      }
      chain.links.push(linkFor(config, globBase));
    }
    this.chains.set(key, chain);
    return chain;
  }
}

function linkFor(config: ConfigFile, globBase: string): ChainLink {
  return {
    config,
    globBase,
    ignores: config.ignores.length > 0 ? ignore().add(config.ignores) : undefined,
    overrides: config.overrides.map((override) => ({
      files: override.files.map((glob) => new Minimatch(glob.replace(/^\.\//, ''), { dot: true, matchBase: !glob.includes('/') })),
      layer: override,
    })),
  };
}

function apply(fileName: string, nearest: string | undefined, chain: Chain, base: LoopGuardSettings): ResolvedConfig {
  const rules: Record<string, SeveritySetting> = {};
  const options: Record<string, unknown> = {};
  const blocking: BlockingConfig = { extra: [], allow: [] };
  let ignored = false;
  const add = (layer: ConfigLayer): void => {
    Object.assign(rules, layer.rules);
    Object.assign(options, layer.options);
    blocking.extra.push(...layer.blocking.extra);
    blocking.allow.push(...layer.blocking.allow);
  };
  for (const link of chain.links) {
    const relative = relativeInside(link.globBase, fileName);
    add(link.config.base);
    if (relative === undefined) continue;
    if (link.ignores?.ignores(relative)) ignored = true;
    for (const override of link.overrides) if (override.files.some((glob) => glob.match(relative))) add(override.layer);
  }
  const settings = { ...base, ...options, rules: { ...rules, ...base.rules } } as LoopGuardSettings;
  return {
    ...(nearest ? { file: nearest } : {}),
    files: chain.links.map((link) => link.config.path),
    settings,
    blocking,
    ignored,
    fingerprint: JSON.stringify([settings, blocking]),
    problems: chain.problems,
  };
}

/** `file` relative to `folder` with `/` separators, or undefined when it is not inside it. */
function relativeInside(folder: string, file: string): string | undefined {
  const relative = path.relative(folder, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/**
 * `extends`: a path (starting with `.` or `/`) to a config file or a folder holding one, or a
 * package name found in node_modules from the config's folder up: the package's loopguard.json, or
 * a `.json` file inside it (`@acme/loopguard-config/strict.json`). JSON only: no code is run.
 */
function resolveExtends(spec: string, dir: string): { file: string; fromPackage: boolean } | { error: string } {
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const target = path.resolve(dir, spec);
    const file = isDirectory(target) ? path.join(target, CONFIG_FILE_NAME) : target;
    if (isFile(file)) return { file, fromPackage: false };
    return { error: `"extends": "${spec}": no such file (looked for ${file}). Give a path relative to this file, e.g. "../loopguard.json".` };
  }
  if (/\.[cm]?[jt]s$/.test(spec)) return { error: `"extends": "${spec}": Loop Guard never runs code from the workspace, so configs are JSON only; extend a .json file.` };
  for (let folder = dir; ; folder = path.dirname(folder)) {
    const target = path.join(folder, 'node_modules', spec);
    const file = spec.endsWith('.json') ? target : path.join(target, CONFIG_FILE_NAME);
    if (isFile(file)) return { file, fromPackage: true };
    if (path.dirname(folder) === folder) break;
  }
  return {
    error: `"extends": "${spec}": no package of that name with a ${spec.endsWith('.json') ? 'file of that name' : CONFIG_FILE_NAME} was found in node_modules (from ${dir} up). Install it, or write a relative path ("./base.json").`,
  };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const position = new LineMap(text).positionAt(offset);
  return { line: position.line + 1, column: position.character + 1 };
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
