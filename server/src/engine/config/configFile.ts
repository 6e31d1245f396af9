// One loopguard.json, read and checked: JSON with comments (jsonc-parser keeps the offsets, so every
// problem names its line and says what to write instead). The keys come from the settings table
// (rule options, `rules`) plus the file's own structure: `extends`, `ignores`, `overrides`,
// `blocking`. Nothing here reads other files: extends and lookup are the resolver's (resolver.ts).
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import { LineMap, SEVERITY_SETTINGS, SeveritySetting } from '../findings';
import type { SettingEntry } from '../settings';
import { describeSchema, isValidForSchema } from '../settingSpec';

export const CONFIG_FILE_NAME = 'loopguard.json';

/** A problem in a config file, at a place in it (1-based line and column, offsets for editors). */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  start: number;
  end: number;
  message: string;
}

/** An API to treat as blocking: a package's (`module`) or a project function's (`file`, relative to the config). */
export interface BlockingExtra {
  module?: string;
  /** Absolute path of the project file declaring `name` (written relative to the config). */
  file?: string;
  /** Dotted name as the catalogue writes it: `readFileSync`, `Database.prototype.prepare`. */
  name: string;
  alternative: string;
}

/** APIs not to report: a whole module, or one name of it (or of a project file). */
export interface BlockingAllow {
  module?: string;
  file?: string;
  name?: string;
}

export interface BlockingConfig {
  extra: BlockingExtra[];
  allow: BlockingAllow[];
}

/** What a config (or one of its overrides) sets; keys it does not mention are absent. */
export interface ConfigLayer {
  rules: Record<string, SeveritySetting>;
  /** Rule options by setting key (`safePromises`). */
  options: Record<string, unknown>;
  blocking: BlockingConfig;
}

export interface ConfigOverride extends ConfigLayer {
  /** Globs relative to the config's folder. */
  files: string[];
}

export interface ExtendsEntry {
  spec: string;
  start: number;
  end: number;
}

export interface ConfigFile {
  path: string;
  dir: string;
  text: string;
  base: ConfigLayer;
  /** gitignore-style patterns relative to the config's folder. */
  ignores: string[];
  overrides: ConfigOverride[];
  extends: ExtendsEntry[];
}

/** What a config may name: the rules and the settings table. */
export interface ConfigVocabulary {
  ruleIds: readonly string[];
  table: readonly SettingEntry[];
}

const STRUCTURE_KEYS = ['$schema', 'extends', 'rules', 'ignores', 'overrides', 'blocking'] as const;
const OVERRIDE_KEYS = ['files', 'rules', 'blocking'] as const;

export function emptyLayer(): ConfigLayer {
  return { rules: {}, options: {}, blocking: { extra: [], allow: [] } };
}

/** Reads one config file's text. Never throws: whatever is wrong becomes a problem, and the rest is kept. */
export function parseConfigFile(file: string, text: string, vocabulary: ConfigVocabulary): { config: ConfigFile; problems: ConfigProblem[] } {
  const reader = new ConfigReader(file, text, vocabulary);
  return { config: reader.read(), problems: reader.problems };
}

class ConfigReader {
  readonly problems: ConfigProblem[] = [];
  private readonly lines: LineMap;
  private readonly dir: string;
  private readonly options: Map<string, SettingEntry>;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly vocabulary: ConfigVocabulary,
  ) {
    this.lines = new LineMap(text);
    this.dir = path.dirname(file);
    this.options = new Map(vocabulary.table.filter((entry) => entry.where === 'file').map((entry) => [entry.key, entry]));
  }

  read(): ConfigFile {
    const config: ConfigFile = { path: this.file, dir: this.dir, text: this.text, base: emptyLayer(), ignores: [], overrides: [], extends: [] };
    const errors: jsonc.ParseError[] = [];
    const root = jsonc.parseTree(this.text, errors, { allowTrailingComma: true, disallowComments: false });
    for (const error of errors) {
      this.problem(error.offset, error.offset + error.length, `not valid JSON: ${describeParseError(error.error)}. loopguard.json is JSON with comments: check quotes, commas and brackets near here.`);
    }
    if (!root) return config;
    if (root.type !== 'object') {
      this.problem(root.offset, root.offset + root.length, 'a loopguard.json holds one object: write { "rules": { ... } }.');
      return config;
    }
    for (const [key, value, property] of properties(root)) {
      switch (key) {
        case '$schema':
          if (value.type !== 'string') this.expect(value, '"$schema" must be a string: the path or URL of loopguard.schema.json');
          break;
        case 'extends':
          config.extends = this.readExtends(value);
          break;
        case 'ignores':
          config.ignores = this.readStrings(value, '"ignores" must be an array of gitignore-style patterns, e.g. ["dist/", "**/*.generated.ts"]');
          break;
        case 'overrides':
          config.overrides = this.readOverrides(value);
          break;
        default:
          if (!this.readLayerKey(key, value, config.base)) this.unknownKey(key, property, 'top');
      }
    }
    return config;
  }

  /** `rules`, `blocking` or a rule option, at the top or in an override; false when the key is not one of them. */
  private readLayerKey(key: string, value: jsonc.Node, layer: ConfigLayer): boolean {
    if (key === 'rules') {
      this.readRules(value, layer);
      return true;
    }
    if (key === 'blocking') {
      layer.blocking = this.readBlocking(value);
      return true;
    }
    const option = this.options.get(key);
    if (!option) return false;
    const read = this.readOption(option, value, `"${key}"`);
    if (read.ok) layer.options[key] = read.value;
    return true;
  }

  private readOption(option: SettingEntry, value: jsonc.Node, label: string): { ok: true; value: unknown } | { ok: false } {
    const raw = jsonc.getNodeValue(value);
    if (isValidForSchema(raw, option.schema)) return { ok: true, value: raw };
    this.expect(value, `${label} must be ${option.expected ?? describeSchema(option.schema)} (${option.rule ? `an option of ${option.rule}: ` : ''}${option.summary})`);
    return { ok: false };
  }

  private readRules(value: jsonc.Node, layer: ConfigLayer): void {
    if (value.type !== 'object') {
      this.expect(value, `"rules" must be an object of rule id → severity, e.g. { "blocking-call": "error" }; severities: ${SEVERITY_SETTINGS.join(', ')}`);
      return;
    }
    for (const [ruleId, setting, property] of properties(value)) {
      if (!this.vocabulary.ruleIds.includes(ruleId)) {
        const near = closest(ruleId, this.vocabulary.ruleIds);
        this.at(property.children![0], `unknown rule "${ruleId}"${near ? `: did you mean "${near}"?` : ''} Known rules: ${this.vocabulary.ruleIds.join(', ')}.`);
        continue;
      }
      const severityNode = setting.type === 'array' ? setting.children?.[0] : setting;
      const severity = severityNode && jsonc.getNodeValue(severityNode);
      if (!severityNode || typeof severity !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
        const near = typeof severity === 'string' ? closest(severity, SEVERITY_SETTINGS) : undefined;
        this.expect(
          severityNode ?? setting,
          `"rules"."${ruleId}" must be a severity (${SEVERITY_SETTINGS.map((name) => `"${name}"`).join(', ')}) or [severity, { options }]${near ? `: did you mean "${near}"?` : ''}`,
        );
        continue;
      }
      layer.rules[ruleId] = severity as SeveritySetting;
      if (setting.type === 'array') this.readRuleOptions(ruleId, setting, layer);
    }
  }

  /** `["warning", { "safePromises": [...] }]`: the options must be the rule's own. */
  private readRuleOptions(ruleId: string, setting: jsonc.Node, layer: ConfigLayer): void {
    const [, optionsNode, ...rest] = setting.children ?? [];
    for (const extra of rest) this.at(extra, `"rules"."${ruleId}" takes [severity] or [severity, { options }]; remove this item.`);
    if (!optionsNode) return;
    if (optionsNode.type !== 'object') {
      this.expect(optionsNode, `the second item of "rules"."${ruleId}" must be an object of its options`);
      return;
    }
    const own = [...this.options.values()].filter((entry) => entry.rule === ruleId).map((entry) => entry.key);
    for (const [key, value, property] of properties(optionsNode)) {
      const option = this.options.get(key);
      if (!option || option.rule !== ruleId) {
        const near = closest(key, own);
        this.at(
          property.children![0],
          `"${key}" is not an option of ${ruleId}${near ? `: did you mean "${near}"?` : '.'} ${own.length ? `Its options: ${own.join(', ')}.` : `It has no options: write "${ruleId}": "<severity>".`}`,
        );
        continue;
      }
      const read = this.readOption(option, value, `"rules"."${ruleId}" option "${key}"`);
      if (read.ok) layer.options[key] = read.value;
    }
  }

  private readBlocking(value: jsonc.Node): BlockingConfig {
    const blocking: BlockingConfig = { extra: [], allow: [] };
    if (value.type !== 'object') {
      this.expect(value, '"blocking" must be an object: { "extra": [...], "allow": [...] }');
      return blocking;
    }
    for (const [key, list, property] of properties(value)) {
      if (key !== 'extra' && key !== 'allow') {
        const near = closest(key, ['extra', 'allow']);
        this.at(property.children![0], `"blocking" holds "extra" (APIs to treat as blocking) and "allow" (APIs not to report)${near ? `: did you mean "${near}"?` : ''}`);
        continue;
      }
      if (list.type !== 'array') {
        this.expect(list, `"blocking"."${key}" must be an array of { "module": "better-sqlite3", "name": "Database.prototype.prepare" } entries`);
        continue;
      }
      for (const item of list.children ?? []) {
        const entry = key === 'extra' ? this.readExtra(item) : this.readAllow(item);
        if (entry) (blocking[key] as object[]).push(entry);
      }
    }
    return blocking;
  }

  private readExtra(item: jsonc.Node): BlockingExtra | undefined {
    const example = '{ "module": "better-sqlite3", "name": "Database.prototype.prepare" } or { "file": "src/db.ts", "name": "querySync" }';
    const fields = this.readApiFields(item, ['module', 'file', 'name', 'alternative'], example);
    if (!fields) return undefined;
    if (!fields.name || (!fields.module === !fields.file)) {
      this.expect(item, `a "blocking"."extra" entry names a "name" and one of "module" (a package or Node module) or "file" (a project file): ${example}`);
      return undefined;
    }
    return {
      ...(fields.module ? { module: normalizeModule(fields.module) } : { file: path.resolve(this.dir, fields.file!) }),
      name: fields.name,
      alternative: fields.alternative ?? 'an async alternative, or a worker thread',
    };
  }

  private readAllow(item: jsonc.Node): BlockingAllow | undefined {
    const example = '{ "module": "fs", "name": "readFileSync" }, or { "module": "fs" } for every API of a module';
    const fields = this.readApiFields(item, ['module', 'file', 'name'], example);
    if (!fields) return undefined;
    if (!fields.module === !fields.file) {
      this.expect(item, `a "blocking"."allow" entry names one of "module" or "file": ${example}`);
      return undefined;
    }
    return {
      ...(fields.module ? { module: normalizeModule(fields.module) } : { file: path.resolve(this.dir, fields.file!) }),
      ...(fields.name ? { name: fields.name } : {}),
    };
  }

  private readApiFields(item: jsonc.Node, keys: readonly string[], example: string): Record<string, string | undefined> | undefined {
    if (item.type !== 'object') {
      this.expect(item, `each entry is an object, e.g. ${example}`);
      return undefined;
    }
    const fields: Record<string, string | undefined> = {};
    for (const [key, value, property] of properties(item)) {
      if (!keys.includes(key)) {
        const near = closest(key, keys);
        this.at(property.children![0], `unknown key "${key}"${near ? `: did you mean "${near}"?` : ''} An entry may hold ${keys.map((name) => `"${name}"`).join(', ')}.`);
        return undefined;
      }
      if (value.type !== 'string' || !String(value.value).trim()) {
        this.expect(value, `"${key}" must be a non-empty string`);
        return undefined;
      }
      fields[key] = String(value.value).trim();
    }
    return fields;
  }

  private readOverrides(value: jsonc.Node): ConfigOverride[] {
    const overrides: ConfigOverride[] = [];
    if (value.type !== 'array') {
      this.expect(value, '"overrides" must be an array of { "files": ["bin/**"], "rules": { ... } } entries');
      return overrides;
    }
    for (const item of value.children ?? []) {
      if (item.type !== 'object') {
        this.expect(item, 'each override is an object: { "files": ["bin/**"], "rules": { "blocking-call": "off" } }');
        continue;
      }
      const override: ConfigOverride = { ...emptyLayer(), files: [] };
      let hasFiles = false;
      for (const [key, child, property] of properties(item)) {
        if (key === 'files') {
          hasFiles = true;
          override.files = this.readStrings(child, '"files" must be an array of globs relative to this file\'s folder, e.g. ["bin/**", "**/*.test.ts"]');
        } else if (!this.readLayerKey(key, child, override)) this.unknownKey(key, property, 'override');
      }
      if (!hasFiles || override.files.length === 0) {
        this.at(item, 'an override needs "files": the globs it applies to, e.g. "files": ["bin/**"]');
        continue;
      }
      overrides.push(override);
    }
    return overrides;
  }

  private readExtends(value: jsonc.Node): ExtendsEntry[] {
    const items = value.type === 'array' ? (value.children ?? []) : [value];
    const entries: ExtendsEntry[] = [];
    for (const item of items) {
      if (item.type !== 'string' || !String(item.value).trim()) {
        this.expect(item, '"extends" takes a relative path ("../loopguard.json") or a package name ("@acme/loopguard-config"), or an array of them');
        continue;
      }
      entries.push({ spec: String(item.value).trim(), start: item.offset, end: item.offset + item.length });
    }
    return entries;
  }

  private readStrings(value: jsonc.Node, expected: string): string[] {
    const raw = jsonc.getNodeValue(value);
    if (Array.isArray(raw) && raw.every((item) => typeof item === 'string' && item.trim() !== '')) return raw.map((item: string) => item.trim());
    this.expect(value, expected);
    return [];
  }

  private unknownKey(key: string, property: jsonc.Node, where: 'top' | 'override'): void {
    const keyNode = property.children![0];
    const editorOnly = this.vocabulary.table.find((entry) => entry.key === key && entry.where === 'editor');
    if (key === 'exclude') {
      this.at(keyNode, '"exclude" is a VS Code setting; in loopguard.json write "ignores": ["pattern", ...] (gitignore-style, relative to this file).');
      return;
    }
    if (editorOnly) {
      this.at(keyNode, `"${key}" is an editor setting (${editorOnly.name} in VS Code's settings), not a project one; remove it from loopguard.json.`);
      return;
    }
    const known = [...(where === 'top' ? STRUCTURE_KEYS : OVERRIDE_KEYS), ...this.options.keys()];
    const near = closest(key, known);
    this.at(keyNode, `unknown key "${key}"${near ? `: did you mean "${near}"?` : ''} ${where === 'top' ? 'A loopguard.json' : 'An override'} may hold: ${known.join(', ')}.`);
  }

  private expect(node: jsonc.Node, expected: string): void {
    this.at(node, /[.?]$/.test(expected) ? expected : `${expected}.`);
  }

  private at(node: jsonc.Node, message: string): void {
    this.problem(node.offset, node.offset + node.length, message);
  }

  private problem(start: number, end: number, message: string): void {
    // The parser reports an unclosed bracket once per open level, all at the end: one is enough.
    if (this.problems.some((problem) => problem.start === start && problem.message === message)) return;
    const position = this.lines.positionAt(start);
    this.problems.push({ file: this.file, line: position.line + 1, column: position.character + 1, start, end, message });
  }
}

/** An object node's properties as [key, value node, property node]. */
function properties(node: jsonc.Node): [string, jsonc.Node, jsonc.Node][] {
  const result: [string, jsonc.Node, jsonc.Node][] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value) result.push([String(key.value), value, property]);
  }
  return result;
}

/** Module names as the catalogue writes them: without `node:` (node:sqlite keeps it, as in apis.ts). */
function normalizeModule(module: string): string {
  return module.startsWith('node:') && module !== 'node:sqlite' ? module.slice('node:'.length) : module;
}

function describeParseError(code: jsonc.ParseErrorCode): string {
  const name = jsonc.printParseErrorCode(code);
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The known word nearest to a typo (edit distance at most a third of its length), if any. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance || (candidate.startsWith(word) && word.length >= 3 && bestDistance > 0 && !best)) {
      best = candidate;
      bestDistance = Math.min(distance, bestDistance);
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

