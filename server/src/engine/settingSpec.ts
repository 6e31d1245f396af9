// What one setting is, as data: its JSON schema, default, descriptions and (optionally) its own
// normaliser. The engine's settings (settings.ts) and each rule's `options` are tables of these;
// the TypeScript type, the defaults, VS Code's schema, the README table and the validation are all
// derived from them. This file imports nothing so that rule files and settings.ts can both use it.

/** The subset of JSON schema settings use (what VS Code's settings UI understands). */
export type SettingSchema =
  | { readonly type: 'boolean' }
  | { readonly type: 'string'; readonly enum?: readonly string[] }
  | { readonly type: 'number' }
  | { readonly type: 'array'; readonly items: SettingSchema }
  | { readonly type: 'object'; readonly additionalProperties: SettingSchema };

/** The TypeScript type of a value matching `Schema`. */
export type SchemaValue<Schema> = Schema extends { readonly enum: readonly (infer Member)[] }
  ? Member
  : Schema extends { readonly type: 'boolean' }
    ? boolean
    : Schema extends { readonly type: 'string' }
      ? string
      : Schema extends { readonly type: 'number' }
        ? number
        : Schema extends { readonly type: 'array'; readonly items: infer Items }
          ? SchemaValue<Items>[]
          : Schema extends { readonly type: 'object'; readonly additionalProperties: infer Values }
            ? Record<string, SchemaValue<Values>>
            : unknown;

/** SchemaValue of a known schema; unknown for settings in general (SettingSpec without a type argument). */
type ValueOfSchema<Schema> = 0 extends 1 & Schema ? unknown : SettingSchema extends Schema ? unknown : SchemaValue<Schema>;

export interface NormalizeContext {
  /** The full setting name, `loopguard.<key>`, for problem messages. */
  readonly name: string;
  readonly knownRuleIds: readonly string[];
  /** Problems found in the value; the caller falls back to the default when `normalize` returns undefined. */
  readonly problems: string[];
}

export interface SettingSpec<Schema extends SettingSchema = SettingSchema> {
  /** JSON schema of the value, without default and description (added from this entry). */
  readonly schema: Schema;
  readonly default: ValueOfSchema<Schema>;
  /** Shown by VS Code's settings UI. */
  readonly description: string;
  /** The description uses markdown (VS Code's `markdownDescription`). */
  readonly markdown?: boolean;
  /** One line for the README's settings table. */
  readonly summary: string;
  /** VS Code scope; `resource` (per folder) unless stated. */
  readonly scope?: 'resource' | 'window';
  /**
   * Where the setting is read: `file` in loopguard.json only (what the editor and CI must agree on:
   * rule options), `editor` in VS Code's settings only (how the editor runs: enable, run, trace),
   * `both` (severities: the file's, with personal editor overrides on top). Rule options default
   * to `file`; the engine's settings say.
   */
  readonly where?: SettingPlace;
  /** How a valid value reads in a problem message ("an array of glob strings"); derived from the schema otherwise. */
  readonly expected?: string;
  /**
   * Turns a raw (present, non-null) value into a valid one, or returns undefined after recording
   * a problem (the default is used). Without it, the value is checked against the schema.
   */
  readonly normalize?: (value: unknown, context: NormalizeContext) => ValueOfSchema<Schema> | undefined;
}

export type SettingPlace = 'file' | 'editor' | 'both';

/** Settings by key (the name after `loopguard.`; dots nest: `trace.server` is `settings.trace.server`). */
export type SettingTable = Readonly<Record<string, SettingSpec<any>>>; // eslint-disable-line @typescript-eslint/no-explicit-any

type Nest<Key extends string, Value> = Key extends `${infer Head}.${infer Rest}` ? { [P in Head]: Nest<Rest, Value> } : { [P in Key]: Value };
type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;
type SpecValue<Spec> = Spec extends { readonly schema: infer Schema } ? SchemaValue<Schema> : never;

/** A table's declared keys (its `Record<string, ...>` index signature left out). */
type DeclaredKeys<Table> = keyof { [Key in keyof Table as string extends Key ? never : Key]: Table[Key] } & string;

/** The settings object a table describes (`{ enable: boolean; trace: { server: ... } }`). */
export type SettingValues<Table> = [DeclaredKeys<Table>] extends [never]
  ? {}
  : UnionToIntersection<{ [Key in DeclaredKeys<Table>]: Nest<Key, SpecValue<Table[Key]>> }[DeclaredKeys<Table>]>;

export function isValidForSchema(value: unknown, schema: SettingSchema): boolean {
  switch (schema.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string' && (!schema.enum || schema.enum.includes(value));
    case 'array':
      return Array.isArray(value) && value.every((item) => isValidForSchema(item, schema.items));
    case 'object':
      return isRecord(value) && Object.values(value).every((item) => isValidForSchema(item, schema.additionalProperties));
  }
}

/** "true or false", `"onType" or "onSave"`, "an array of strings", ... */
export function describeSchema(schema: SettingSchema): string {
  switch (schema.type) {
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'string':
      return schema.enum ? orList(schema.enum.map((member) => `"${member}"`)) : 'a string';
    case 'array':
      return `an array of ${schema.items.type === 'string' && !('enum' in schema.items && schema.items.enum) ? 'strings' : 'valid items'}`;
    case 'object':
      return 'an object';
  }
}

/** Applies a spec to a raw value: undefined/null give the default silently, a bad value is reported and gives the default. */
export function normalizeSetting<Schema extends SettingSchema>(spec: SettingSpec<Schema>, value: unknown, context: NormalizeContext): ValueOfSchema<Schema> {
  // Defaults are copied so that no caller can change the table's.
  if (value === undefined || value === null) return structuredClone(spec.default);
  if (spec.normalize) return spec.normalize(value, context) ?? structuredClone(spec.default);
  if (isValidForSchema(value, spec.schema)) return value as ValueOfSchema<Schema>;
  context.problems.push(`${context.name} must be ${spec.expected ?? describeSchema(spec.schema)}; using the default.`);
  return structuredClone(spec.default);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
