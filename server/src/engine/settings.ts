// Settings are defined once here. package.json's `contributes.configuration` is checked against
// this definition by a test, so the two cannot drift.
import { SEVERITY_SETTINGS, SeveritySetting } from './findings';

export type RunMode = 'onType' | 'onSave';
export type TraceLevel = 'off' | 'messages' | 'verbose';

export type JsxHandlerMode = 'whenUnguarded' | 'always' | 'off';

export interface LoopGuardSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  run: RunMode;
  exclude: string[];
  /** Calls (`name`, `obj.method`) and types whose promises are known safe to leave unawaited. */
  safePromises: string[];
  /** floating-promise reports any thenable (PromiseLike, Thenable, own `then`), not only native Promises. */
  checkThenables: boolean;
  /** How unhandled-rejection treats async functions in JSX attributes (`onClick={async () => ...}`). */
  jsxHandlers: JsxHandlerMode;
  trace: { server: TraceLevel };
}

export const DEFAULT_SETTINGS: LoopGuardSettings = {
  enable: true,
  rules: {},
  run: 'onType',
  exclude: [],
  safePromises: [],
  checkThenables: false,
  jsxHandlers: 'whenUnguarded',
  trace: { server: 'off' },
};

/** The JSON schema of each setting, as VS Code shows it. */
export const SETTINGS_SCHEMA = {
  'loopguard.enable': {
    type: 'boolean',
    default: true,
    description: 'Run Loop Guard on JavaScript and TypeScript files.',
  },
  'loopguard.rules': {
    type: 'object',
    default: {},
    additionalProperties: { type: 'string', enum: [...SEVERITY_SETTINGS] },
    markdownDescription:
      'Severity per rule id, e.g. `{ "floating-promise": "error", "await-in-loop": "off" }`. Rules not listed keep their default severity.',
  },
  'loopguard.run': {
    type: 'string',
    enum: ['onType', 'onSave'],
    default: 'onType',
    description: 'Analyse while typing or only when a file is saved.',
  },
  'loopguard.exclude': {
    type: 'array',
    items: { type: 'string' },
    default: [],
    markdownDescription: 'Glob patterns (relative to the workspace folder) of files Loop Guard does not analyse, e.g. `**/generated/**`.',
  },
  'loopguard.safePromises': {
    type: 'array',
    items: { type: 'string' },
    default: [],
    markdownDescription:
      'Calls and types whose promises may be left unawaited without a report: a function or method name (`logEvent`, `analytics.track`) or a type name (`Thenable`).',
  },
  'loopguard.checkThenables': {
    type: 'boolean',
    default: false,
    markdownDescription:
      '`floating-promise` also reports dropped thenables that are not native Promises (`PromiseLike`, VS Code\'s `Thenable`, query builders with their own `then`), as typescript-eslint\'s `checkThenables` does. Off by default: only native `Promise` values (and subclasses) are reported.',
  },
  'loopguard.jsxHandlers': {
    type: 'string',
    enum: ['whenUnguarded', 'always', 'off'],
    default: 'whenUnguarded',
    markdownDescription:
      'How `unhandled-rejection` treats async functions in JSX attributes (`onClick={async () => ...}`): report them only when their body can reject outside a `try/catch` (`whenUnguarded`), `always`, or never (`off`).',
  },
  'loopguard.trace.server': {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    description: 'Traces the communication between VS Code and the Loop Guard language server.',
  },
} as const;

export interface SettingsResult {
  settings: LoopGuardSettings;
  /** Human-readable problems with the raw input; each bad value fell back to its default. */
  problems: string[];
}

/**
 * Turns whatever the client or a config file sent into valid settings. Never throws: a bad value
 * is reported and replaced by its default, so a typo in settings.json cannot stop the server.
 */
export function normalizeSettings(raw: unknown, knownRuleIds: readonly string[]): SettingsResult {
  const problems: string[] = [];
  const input = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) problems.push('loopguard settings must be an object; using defaults.');

  const enable = pick(input, 'enable', (v): v is boolean => typeof v === 'boolean', 'true or false', problems);
  const run = pick(input, 'run', (v): v is RunMode => v === 'onType' || v === 'onSave', '"onType" or "onSave"', problems);
  const exclude = pick(
    input,
    'exclude',
    (v): v is string[] => Array.isArray(v) && v.every((item) => typeof item === 'string'),
    'an array of glob strings',
    problems,
  );
  const safePromises = pick(
    input,
    'safePromises',
    (v): v is string[] => Array.isArray(v) && v.every((item) => typeof item === 'string'),
    'an array of call or type names',
    problems,
  );
  const checkThenables = pick(input, 'checkThenables', (v): v is boolean => typeof v === 'boolean', 'true or false', problems);
  const jsxHandlers = pick(
    input,
    'jsxHandlers',
    (v): v is JsxHandlerMode => v === 'whenUnguarded' || v === 'always' || v === 'off',
    '"whenUnguarded", "always" or "off"',
    problems,
  );
  const traceInput = isRecord(input.trace) ? input.trace : {};
  const traceServer = pick(
    traceInput,
    'server',
    (v): v is TraceLevel => v === 'off' || v === 'messages' || v === 'verbose',
    '"off", "messages" or "verbose"',
    problems,
    'trace.server',
  );
  return {
    settings: {
      enable: enable ?? DEFAULT_SETTINGS.enable,
      run: run ?? DEFAULT_SETTINGS.run,
      exclude: exclude ?? DEFAULT_SETTINGS.exclude,
      safePromises: safePromises ?? DEFAULT_SETTINGS.safePromises,
      checkThenables: checkThenables ?? DEFAULT_SETTINGS.checkThenables,
      jsxHandlers: jsxHandlers ?? DEFAULT_SETTINGS.jsxHandlers,
      trace: { server: traceServer ?? DEFAULT_SETTINGS.trace.server },
      rules: normalizeRuleSeverities(input.rules, knownRuleIds, problems),
    },
    problems,
  };
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

function pick<T>(
  input: Record<string, unknown>,
  key: string,
  isValid: (value: unknown) => value is T,
  expected: string,
  problems: string[],
  label = key,
): T | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (isValid(value)) return value;
  problems.push(`loopguard.${label} must be ${expected}; using the default.`);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
