// Command-line arguments -> a validated run request. Bad usage is a UsageError (exit 2).
import { parseArgs } from 'node:util';
import { SEVERITY_SETTINGS, SeveritySetting } from '../engine/findings';

export type OutputFormat = 'text' | 'json' | 'sarif';

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
  /** Reuse findings of files whose text and dependencies did not change (see cli/cache.ts). */
  cache: boolean;
  /** Where the cache lives: a file, or a folder that gets `.loopguardcache` (implies --cache). */
  cacheLocation?: string;
  /** Run the language server over standard input/output instead of checking files. */
  lsp: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: loopguard [paths...] [options]

Finds blocking calls and promise mistakes that stall or crash the Node.js event loop.

Arguments:
  paths                     files and folders to check (default "."); node_modules and
                            files ignored by .gitignore are skipped

Options:
  --exclude <glob>          skip matching files (repeatable)
  --format <format>         text (default), json or sarif
  --output <file>           write the report to a file instead of standard output
  --project <tsconfig>      use this tsconfig for every file (default: nearest per file)
  --rule <id>=<severity>    set a rule's severity: off, hint, info, warning, error (repeatable)
  --max-warnings <n>        exit 1 when there are more than n warnings (default: any warning fails)
  --include-build-output    also check folders of build output (skipped by default: .js files
                            beside .d.ts or .js.map files, a tsconfig's outDir)
  --continue-on-error       when a rule fails on a file, go on: print the report and the failures,
                            and exit with the findings' code (default: stop, exit 2)
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

Exit codes: 0 no errors and warnings within --max-warnings; 1 otherwise; 2 bad usage,
unreadable path, bad configuration or a rule that failed on a file.`;

export function parseCliArgs(argv: string[], knownRuleIds: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        exclude: { type: 'string', multiple: true },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        project: { type: 'string', short: 'p' },
        rule: { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'continue-on-error': { type: 'boolean' },
        'include-build-output': { type: 'boolean' },
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
  const format = (values.format ?? 'text') as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format)) {
    throw new UsageError(`--format must be text, json or sarif (got "${values.format}").`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = /^\s*\d+\s*$/.test(values['max-warnings']) ? Number(values['max-warnings']) : Number.NaN;
    if (!Number.isSafeInteger(maxWarnings)) {
      throw new UsageError(`--max-warnings takes a whole number of 0 or more (got "${values['max-warnings']}").`);
    }
  }
  return {
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
    cache: (values.cache ?? false) || values['cache-location'] !== undefined,
    cacheLocation: values['cache-location'],
    lsp: values.lsp ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
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
