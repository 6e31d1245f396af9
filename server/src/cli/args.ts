// Command-line arguments -> a validated run request. Bad usage is a UsageError (exit 2).
import { parseArgs } from 'node:util';
import { SEVERITY_SETTINGS, SeveritySetting } from '../engine/findings';
import type { SuppressMode } from './suppressions';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'checkstyle'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CliOptions {
  paths: string[];
  exclude: string[];
  format: OutputFormat;
  project?: string;
  rules: Record<string, SeveritySetting>;
  maxWarnings?: number;
  output?: string;
  /** No progress line and no notes on standard error (rule failures are still printed). */
  quiet: boolean;
  /** A rule failing on a file does not stop the run: the report is printed and the exit code is the findings' one. */
  continueOnError: boolean;
  /** Check folders of build output (.js beside .d.ts/.js.map files, a tsconfig's outDir) too. */
  includeBuildOutput: boolean;
  /** Print the configuration in force for this file and exit. */
  printConfig?: string;
  /** Apply fixes (`--fix`) or show them as a diff (`--fix-dry-run`); see cli/fix.ts. */
  fix?: { dryRun: boolean; type: 'safe' | 'suggestion' };
  /** Check (and fix) only these rules (`--only <id>`, repeatable). */
  only?: string[];
  /** Reuse findings of files whose text and dependencies did not change (see cli/cache.ts). */
  cache: boolean;
  /** Where the cache lives: a file, or a folder that gets `.loopguardcache` (implies --cache). */
  cacheLocation?: string;
  /** Run the language server over standard input/output instead of checking files. */
  lsp: boolean;
  help: boolean;
  version: boolean;
  /** Lint only the files changed in git (see cli/changed.ts), vs `base` when given, else vs HEAD. */
  changed: boolean;
  base?: string;
  /** --suppress-all, --suppress-rule <id>, --prune-suppressions: write loopguard-suppressions.json instead of a report. */
  suppress?: SuppressMode;
}

export class UsageError extends Error {}

export const USAGE = `Usage: loopguard [paths...] [options]

Finds blocking calls and promise mistakes that stall or crash the Node.js event loop.

Arguments:
  paths                     files and folders to check (default "."); node_modules and
                            files ignored by .gitignore are skipped

Options:
  --exclude <glob>          skip matching files (repeatable)
  --changed                 check only the files changed in git (committed since --base,
                            staged, unstaged, untracked), and the findings a change causes in
                            files that import them or that they import
  --base <ref>              with --changed: compare with the merge base of <ref> and HEAD
                            (default: HEAD)
  --format <format>         text (default; github when GITHUB_ACTIONS=true), json, sarif,
                            github (workflow command annotations), gitlab (Code Quality
                            JSON), junit (XML) or checkstyle (XML)
  --output <file>           write the report to a file instead of standard output
  --project <tsconfig>      use this tsconfig for every file (default: nearest per file)
  --rule <id>=<severity>    set a rule's severity: off, hint, info, warning, error (repeatable;
                            on top of loopguard.json)
  --print-config <file>     print the configuration in force for a file (loopguard.json found
                            by walking up from it, extends and overrides applied) and exit
  --only <id>               check (and fix) only this rule (repeatable)
  --fix                     apply the fixes that cannot change behaviour (as the editor's
                            fix-all), repeat until none is left, list them, then report the
                            problems that remain
  --fix-dry-run             as --fix, but print the changes as a unified diff and write nothing
  --fix-type <type>         with --fix or --fix-dry-run: safe (default) or suggestion, the
                            fixes that may change behaviour (add await, add .catch), one rule
                            at a time: needs exactly one --only <id>
  --max-warnings <n>        exit 1 when there are more than n warnings (default: any warning fails)
  --include-build-output    also check folders of build output (skipped by default: .js files
                            beside .d.ts or .js.map files, a tsconfig's outDir)
  --continue-on-error       when a rule fails on a file, go on: print the report and the failures,
                            and exit with the findings' code (default: stop, exit 2)
  --suppress-all            write every current problem to loopguard-suppressions.json (the
                            baseline; later runs report only new problems) and exit 0
  --suppress-rule <id>      the same for one rule's problems only
  --prune-suppressions      drop the suppressions that match nothing any more and exit 0
  --cache                   reuse the findings of files that did not change since the last run,
                            nor did anything they import, the config or Loop Guard's version
  --cache-location <path>   where the cache is kept: a file, or a folder that gets a
                            .loopguardcache file (default ./.loopguardcache; implies --cache)
  -q, --quiet               no progress line and no notes on standard error (rule failures are
                            still printed)
  --lsp                     start the language server over stdin/stdout (for Neovim, Helix,
                            Zed and other LSP editors); takes no other option but --stdio
  -h, --help                show this help
  -v, --version             show the version

Configuration: loopguard.json (JSON with comments), found by walking up from each file to the
repository root: rules and severities, rule options, overrides by glob, ignores, blocking APIs.

Exit codes: 0 no errors and warnings within --max-warnings; 1 otherwise; 2 bad usage,
unreadable path, bad configuration, a rule that failed on a file or a fixed file that could not
be written. After --fix, the code is the one of the problems that remain.`;

export function parseCliArgs(argv: string[], knownRuleIds: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        exclude: { type: 'string', multiple: true },
        format: { type: 'string' },
        changed: { type: 'boolean' },
        base: { type: 'string' },
        output: { type: 'string', short: 'o' },
        project: { type: 'string', short: 'p' },
        rule: { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'continue-on-error': { type: 'boolean' },
        'include-build-output': { type: 'boolean' },
        'print-config': { type: 'string' },
        only: { type: 'string', multiple: true },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'fix-type': { type: 'string' },
        'suppress-all': { type: 'boolean' },
        'suppress-rule': { type: 'string' },
        'prune-suppressions': { type: 'boolean' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        lsp: { type: 'boolean' },
        stdio: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '.')}\nRun 'loopguard --help' for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.stdio && !values.lsp) throw new UsageError(`--stdio goes with --lsp (the language server over stdin/stdout).`);
  if (values.lsp) {
    const others = argv.filter((arg) => arg !== '--lsp' && arg !== '--stdio');
    if (others.length > 0) throw new UsageError(`--lsp takes no other arguments (got ${others.join(' ')}): the editor sends the settings. Run 'loopguard --lsp' alone.`);
  }
  // In GitHub Actions the default output is annotations on the pull request's diff.
  const format = (values.format ?? (env.GITHUB_ACTIONS === 'true' ? 'github' : 'text')) as OutputFormat;
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be text, json, sarif, github, gitlab, junit or checkstyle (got "${values.format}").`);
  }
  if (values.base !== undefined && !values.changed) throw new UsageError('--base only applies with --changed: add --changed to check the files changed since <ref>.');
  if (values.base !== undefined && (values.base.trim() === '' || values.base.startsWith('-'))) {
    throw new UsageError(`--base takes a git ref, e.g. --base origin/main (got "${values.base}").`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = /^\s*\d+\s*$/.test(values['max-warnings']) ? Number(values['max-warnings']) : Number.NaN;
    if (!Number.isSafeInteger(maxWarnings)) {
      throw new UsageError(`--max-warnings takes a whole number of 0 or more (got "${values['max-warnings']}").`);
    }
  }
  const only = values.only?.map((id) => id.trim());
  for (const id of only ?? []) {
    if (!knownRuleIds.includes(id)) throw new UsageError(`--only: unknown rule "${id}". Known rules: ${knownRuleIds.join(', ')}.`);
  }
  const suppress = parseSuppressMode(values['suppress-all'], values['suppress-rule'], values['prune-suppressions'], knownRuleIds);
  return {
    ...parseFixOptions(values, only),
    ...(suppress ? { suppress } : {}),
    paths: positionals.length > 0 ? positionals : ['.'],
    exclude: (values.exclude ?? []).flatMap(normalizeExclude),
    format,
    project: values.project,
    rules: parseRuleOptions(values.rule ?? [], knownRuleIds),
    maxWarnings,
    output: values.output,
    quiet: values.quiet ?? false,
    continueOnError: values['continue-on-error'] ?? false,
    includeBuildOutput: values['include-build-output'] ?? false,
    printConfig: values['print-config'],
    cache: (values.cache ?? false) || values['cache-location'] !== undefined,
    cacheLocation: values['cache-location'],
    lsp: values.lsp ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    changed: values.changed ?? false,
    base: values.base,
  };
}

function parseFixOptions(values: { fix?: boolean; 'fix-dry-run'?: boolean; 'fix-type'?: string }, only: string[] | undefined): Pick<CliOptions, 'fix' | 'only'> {
  const fixType = values['fix-type'];
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run: choose one (--fix-dry-run shows the changes --fix would write).');
  if (fixType !== undefined && !values.fix && !values['fix-dry-run']) {
    throw new UsageError(`--fix-type only applies with --fix or --fix-dry-run, e.g. loopguard --fix --fix-type suggestion --only floating-promise.`);
  }
  if (fixType !== undefined && fixType !== 'safe' && fixType !== 'suggestion') throw new UsageError(`--fix-type must be safe or suggestion (got "${fixType}").`);
  if (fixType === 'suggestion' && only?.length !== 1) {
    throw new UsageError(
      `--fix-type suggestion applies fixes that may change behaviour, one rule at a time: add exactly one --only <rule-id>${only?.length ? ` (got ${only.length})` : ''}, e.g. --fix-type suggestion --only floating-promise.`,
    );
  }
  const fix: CliOptions['fix'] = values.fix || values['fix-dry-run'] ? { dryRun: values['fix-dry-run'] ?? false, type: fixType ?? 'safe' } : undefined;
  return { ...(fix ? { fix } : {}), ...(only ? { only } : {}) };
}

/** `--only`: every other rule is off (the named ones keep the severity set for them). */
export function onlyRules(rules: Record<string, SeveritySetting>, only: readonly string[] | undefined, knownRuleIds: readonly string[]): Record<string, SeveritySetting> {
  if (!only) return rules;
  return { ...rules, ...Object.fromEntries(knownRuleIds.filter((id) => !only.includes(id)).map((id) => [id, 'off' as const])) };
}

function parseSuppressMode(all: boolean | undefined, rule: string | undefined, prune: boolean | undefined, knownRuleIds: readonly string[]): SuppressMode | undefined {
  const given = [all && '--suppress-all', rule !== undefined && '--suppress-rule', prune && '--prune-suppressions'].filter(Boolean);
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} cannot be used together: run them one after the other.`);
  if (rule !== undefined && !knownRuleIds.includes(rule)) throw new UsageError(`--suppress-rule: unknown rule "${rule}". Known rules: ${knownRuleIds.join(', ')}.`);
  if (all) return { kind: 'all' };
  if (rule !== undefined) return { kind: 'rule', ruleId: rule };
  if (prune) return { kind: 'prune' };
  return undefined;
}

/** Globs are relative to the working directory, and a glob that names a folder excludes what is
 *  below it, as in .gitignore: "./src/gen" and "src/gen/" mean "src/gen/**"; "gen" (no slash)
 *  matches a file or folder named gen at any depth. */
function normalizeExclude(glob: string): string[] {
  let normalized = glob.trim();
  while (normalized.startsWith('./')) normalized = normalized.slice(2);
  normalized = normalized.replace(/\/+$/, '');
  if (!normalized) throw new UsageError(`--exclude needs a glob, e.g. --exclude "**/generated/**" (got "${glob}").`);
  if (normalized.endsWith('/**')) return [normalized];
  return [normalized, normalized.includes('/') ? `${normalized}/**` : `**/${normalized}/**`];
}

function parseRuleOptions(entries: string[], knownRuleIds: readonly string[]): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const entry of entries) {
    const match = /^([a-z-]+)=([a-z]+)$/.exec(entry.trim());
    if (!match) throw new UsageError(`--rule takes <id>=<severity>, e.g. --rule floating-promise=error (got "${entry}").`);
    const [, id, severity] = match;
    if (!knownRuleIds.includes(id)) throw new UsageError(`--rule: unknown rule "${id}". Known rules: ${knownRuleIds.join(', ')}.`);
    if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
      throw new UsageError(`--rule ${id}: severity must be one of ${SEVERITY_SETTINGS.join(', ')} (got "${severity}").`);
    }
    rules[id] = severity as SeveritySetting;
  }
  return rules;
}
