// Settings are declared once, as data: the engine's own in ENGINE_SETTINGS below, each rule's in
// its definition's `options` (gathered from the registry). Everything else is derived from that
// table: the TypeScript type (LoopGuardSettings), DEFAULT_SETTINGS, VS Code's schema
// (SETTINGS_SCHEMA; package.json's `contributes.configuration` is written from it by
// `npm run gen`), the README's settings table and normalizeSettings. A configuration file reads
// the same table (SETTINGS_TABLE).
import { SEVERITY_SETTINGS, SeveritySetting } from './findings';
import type { RuleDefinition } from './rule';
import { NormalizeContext, SettingPlace, SettingSpec, SettingTable, SettingValues, isRecord, normalizeSetting } from './settingSpec';
import { PYTHON_RULES, RULES, type RuleOptionValues } from '../rules';

export type { SettingPlace, SettingSchema, SettingSpec, SettingTable, SettingValues } from './settingSpec';

/** Keeps a settings table's literal types (enum members) so its value type can be derived. */
export function defineSettings<const Table extends SettingTable>(table: Table): Table {
  return table;
}

/** The engine's own settings (the rules' options are declared by the rules). */
export const ENGINE_SETTINGS = defineSettings({
  enable: {
    schema: { type: 'boolean' },
    default: true,
    description: 'Run Loop Guard on JavaScript, TypeScript and Python files.',
    summary: 'run Loop Guard on JS/TS and Python files',
    where: 'editor',
  },
  rules: {
    schema: { type: 'object', additionalProperties: { type: 'string', enum: SEVERITY_SETTINGS } },
    default: {},
    markdown: true,
    description:
      'Personal severity per rule id, applied on top of the project\'s `loopguard.json`, e.g. `{ "await-in-loop": "off" }`. Rules not listed keep the severity the configuration file (or the rule\'s default) gives them.',
    summary: 'severity per rule id: `off`, `hint`, `info`, `warning`, `error` (in VS Code: personal overrides on top of the file)',
    where: 'both',
    normalize: (value: unknown, context: NormalizeContext) => normalizeRuleSeverities(value, context.knownRuleIds, context.problems),
  },
  run: {
    schema: { type: 'string', enum: ['onType', 'onSave'] },
    default: 'onType',
    description: 'Analyse while typing or only when a file is saved.',
    summary: '`onType` or `onSave`',
    where: 'editor',
  },
  exclude: {
    schema: { type: 'array', items: { type: 'string' } },
    default: [],
    markdown: true,
    description: 'Glob patterns (relative to the workspace folder) of files Loop Guard does not analyse, e.g. `**/generated/**`.',
    summary: 'globs (relative to the workspace folder) of files not to analyse in this editor (for everyone: `ignores` in loopguard.json)',
    expected: 'an array of glob strings',
    where: 'editor',
  },
});

/** Settings listed after the rules' options. */
export const ENGINE_TRAILING_SETTINGS = defineSettings({
  'trace.server': {
    schema: { type: 'string', enum: ['off', 'messages', 'verbose'] },
    default: 'off',
    scope: 'window',
    description: 'Traces the communication between VS Code and the Loop Guard language server.',
    summary: 'trace the LSP traffic (`off`, `messages`, `verbose`)',
    where: 'editor',
  },
});

type Simplify<T> = { [Key in keyof T]: T[Key] };

export type LoopGuardSettings = Simplify<
  SettingValues<typeof ENGINE_SETTINGS> & SettingValues<typeof ENGINE_TRAILING_SETTINGS> & RuleOptionValues
>;
export type RunMode = LoopGuardSettings['run'];
export type TraceLevel = LoopGuardSettings['trace']['server'];
export type JsxHandlerMode = LoopGuardSettings['jsxHandlers'];

/** One row of the settings table: a setting with its full name and the rule that declares it, if any. */
export interface SettingEntry extends SettingSpec {
  /** The key under `loopguard` (`trace.server`). */
  readonly key: string;
  /** `loopguard.<key>`, as VS Code and settings.json name it. */
  readonly name: string;
  /** The rule whose option this is. */
  readonly rule?: string;
  readonly where: SettingPlace;
}

/** Every setting, in display order: the engine's, each rule's options (registry order), then trace. */
export function settingsTable(rules: readonly Pick<RuleDefinition, 'id' | 'options'>[]): readonly SettingEntry[] {
  const entries: SettingEntry[] = [];
  const add = (table: SettingTable, rule?: string): void => {
    for (const [key, spec] of Object.entries(table)) {
      const existing = entries.find((entry) => entry.key === key);
      // A Python rule with a TypeScript rule's id may share its option (one setting for both), when it means the same.
      if (existing && rule && existing.rule === rule && sameOption(existing, spec)) continue;
      if (existing) throw new Error(`setting loopguard.${key} is declared twice (${existing.rule ?? 'engine'} and ${rule ?? 'engine'})`);
      entries.push({ ...spec, key, name: `loopguard.${key}`, where: spec.where ?? (rule ? 'file' : 'both'), ...(rule ? { rule } : {}) });
    }
  };
  add(ENGINE_SETTINGS);
  for (const rule of rules) if (rule.options) add(rule.options, rule.id);
  add(ENGINE_TRAILING_SETTINGS);
  return entries;
}

/** An option a rule and its twin in the other language both declare: the same schema and default. */
function sameOption(entry: SettingEntry, spec: SettingTable[string]): boolean {
  return JSON.stringify([entry.schema, entry.default]) === JSON.stringify([spec.schema, spec.default]);
}

/** The settings of the registered rules (JavaScript/TypeScript, then Python) and the engine. */
export const SETTINGS_TABLE: readonly SettingEntry[] = settingsTable([...RULES, ...PYTHON_RULES]);

/** The JSON schema of one setting, as VS Code shows it (package.json adds its scope). */
export function settingSchema(entry: SettingSpec): Record<string, unknown> {
  return {
    ...entry.schema,
    default: entry.default,
    [entry.markdown ? 'markdownDescription' : 'description']: entry.description,
  };
}

/** Settings VS Code's settings hold (the rest live in loopguard.json only). */
export function editorSettings(table: readonly SettingEntry[]): readonly SettingEntry[] {
  return table.filter((entry) => entry.where !== 'file');
}

/** package.json's `contributes.configuration.properties`. */
export function configurationProperties(table: readonly SettingEntry[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(editorSettings(table).map((entry) => [entry.name, { scope: entry.scope ?? 'resource', ...settingSchema(entry) }]));
}

/** The JSON schema of each editor setting, as VS Code shows it. */
export const SETTINGS_SCHEMA: Record<string, Record<string, unknown>> = Object.fromEntries(editorSettings(SETTINGS_TABLE).map((entry) => [entry.name, settingSchema(entry)]));

function defaultsOf(table: readonly SettingEntry[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const entry of table) setPath(settings, entry.key, entry.default);
  return settings;
}

export const DEFAULT_SETTINGS: LoopGuardSettings = defaultsOf(SETTINGS_TABLE) as LoopGuardSettings;

export interface SettingsResult {
  settings: LoopGuardSettings;
  /** Human-readable problems with the raw input; each bad value fell back to its default. */
  problems: string[];
}

/**
 * Turns whatever the client or a config file sent into valid settings. Never throws: a bad value
 * is reported and replaced by its default, so a typo in settings.json cannot stop the server.
 */
export function normalizeSettings(
  raw: unknown,
  knownRuleIds: readonly string[],
  table: readonly SettingEntry[] = SETTINGS_TABLE,
  source: 'engine' | 'editor' = 'engine',
): SettingsResult {
  const problems: string[] = [];
  const input = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) problems.push('loopguard settings must be an object; using defaults.');
  const settings: Record<string, unknown> = {};
  for (const entry of table) {
    const value = getPath(input, entry.key);
    if (source === 'editor' && entry.where === 'file') {
      // One configuration for the editor and CI: a rule option set only in VS Code would make the
      // editor disagree with the CLI, so it is not read from there.
      if (value !== undefined && value !== null) {
        problems.push(`${entry.name} is ignored in VS Code's settings: set "${entry.key}" in loopguard.json, which the editor and the CLI both read.`);
      }
      setPath(settings, entry.key, structuredClone(entry.default));
      continue;
    }
    setPath(settings, entry.key, normalizeSetting(entry, value, { name: entry.name, knownRuleIds, problems }));
  }
  return { settings: settings as LoopGuardSettings, problems };
}

export function normalizeRuleSeverities(
  raw: unknown,
  knownRuleIds: readonly string[],
  problems: string[],
): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  if (raw === undefined || raw === null) return rules;
  if (!isRecord(raw)) {
    problems.push(`loopguard.rules must be an object mapping rule ids to one of ${SEVERITY_SETTINGS.join(', ')}; ignoring it.`);
    return rules;
  }
  for (const [ruleId, severity] of Object.entries(raw)) {
    if (!knownRuleIds.includes(ruleId)) {
      problems.push(`loopguard.rules: unknown rule "${ruleId}" (known: ${knownRuleIds.join(', ')}).`);
    } else if (typeof severity !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
      problems.push(`loopguard.rules.${ruleId}: "${String(severity)}" is not one of ${SEVERITY_SETTINGS.join(', ')}; using the default.`);
    } else {
      rules[ruleId] = severity as SeveritySetting;
    }
  }
  return rules;
}

/** `input.trace.server` for key `trace.server`; undefined when a level is missing or not an object. */
function getPath(input: Record<string, unknown>, key: string): unknown {
  let value: unknown = input;
  for (const part of key.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[part];
  }
  return value;
}

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let level = target;
  for (const part of parts.slice(0, -1)) {
    if (!isRecord(level[part])) level[part] = {};
    level = level[part] as Record<string, unknown>;
  }
  level[parts[parts.length - 1]] = value;
}
