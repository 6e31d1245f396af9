// The JSON Schema of loopguard.json, derived from the rule registry and the settings table
// (`npm run gen` writes it to loopguard.schema.json; VS Code validates loopguard.json with it
// through package.json's jsonValidation, other editors through `$schema`; draft-07, which they all read). The checks that give
// file and line (configFile.ts) read the same table, so the two cannot drift apart.
import { SEVERITY_SETTINGS } from '../findings';
import type { SettingEntry } from '../settings';

export const CONFIG_SCHEMA_FILE = 'loopguard.schema.json';

export function configSchema(rules: readonly { id: string; summary?: string; description: string }[], table: readonly SettingEntry[]): Record<string, unknown> {
  const severity = { type: 'string', enum: SEVERITY_SETTINGS, description: 'off, hint, info, warning or error' };
  const options = table.filter((entry) => entry.where === 'file');
  const optionSchema = (entry: SettingEntry) => ({ ...entry.schema, default: entry.default, markdownDescription: `${entry.rule ? `(${entry.rule}) ` : ''}${entry.description}` });
  const ruleSetting = (rule: { id: string; description: string }) => {
    const own = options.filter((entry) => entry.rule === rule.id);
    const ownOptions = { type: 'object', additionalProperties: false, properties: Object.fromEntries(own.map((entry) => [entry.key, optionSchema(entry)])) };
    const tuple = { type: 'array', items: own.length ? [severity, ownOptions] : [severity], additionalItems: false, minItems: 1 };
    return { description: rule.description, anyOf: [severity, tuple] };
  };
  const api = (withAlternative: boolean, nameRequired: boolean) => ({
    type: 'object',
    additionalProperties: false,
    properties: {
      module: { type: 'string', description: 'A package or Node module, as imported: "better-sqlite3", "fs".' },
      file: { type: 'string', description: 'A project file declaring the function, relative to this loopguard.json: "src/db.ts".' },
      name: { type: 'string', description: 'The API\'s dotted name: "readFileSync", "Database.prototype.prepare".' },
      ...(withAlternative ? { alternative: { type: 'string', description: 'What to use instead, shown in the message ("…; use <alternative>.").' } } : {}),
    },
    required: nameRequired ? ['name'] : [],
    oneOf: [{ required: ['module'] }, { required: ['file'] }],
  });
  const layer = {
    rules: {
      type: 'object',
      description: 'Severity per rule id, or [severity, { options }].',
      additionalProperties: false,
      properties: Object.fromEntries(rules.map((rule) => [rule.id, ruleSetting(rule)])),
    },
    blocking: {
      type: 'object',
      description: 'Amend the catalogue of blocking APIs.',
      additionalProperties: false,
      properties: {
        extra: { type: 'array', description: 'APIs to treat as blocking.', items: api(true, true) },
        allow: { type: 'array', description: 'APIs not to report (a whole module when no name is given).', items: api(false, false) },
      },
    },
    ...Object.fromEntries(options.map((entry) => [entry.key, optionSchema(entry)])),
  };
  const globs = (description: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://loopguard.dev/loopguard.schema.json',
    title: 'Loop Guard configuration (loopguard.json)',
    description: 'Read by the Loop Guard editor extension and CLI alike. Found by walking up from each file to the repository root; the nearest applies.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: {
        description: 'A relative path ("../loopguard.json") or a package name ("@acme/loopguard-config"), or an array of them; applied first.',
        anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }],
      },
      ignores: globs('Files not to analyse: gitignore-style patterns relative to this file.'),
      overrides: {
        type: 'array',
        description: 'Settings for the files matching `files` (globs relative to this file), applied after the rest.',
        items: { type: 'object', additionalProperties: false, required: ['files'], properties: { files: { ...globs('Globs relative to this file: "bin/**", "**/*.test.ts".'), minItems: 1 }, ...layer } },
      },
      ...layer,
    },
  };
}
