// The `loopguard` command: a thin adapter that collects files, runs the engine and prints
// text, JSON or SARIF. Exit codes: 0 clean, 1 problems, 2 unusable input or a rule that failed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { USAGE, UsageError, parseCliArgs } from './cli/args';
import { collectFiles } from './cli/files';
import { LocatedFinding, countBySeverity, formatJson, formatSarif, formatText, locate } from './cli/formatters';
import { Engine, RuleFailure } from './engine/engine';
import { withInjectedFaults } from './engine/host/faultInjection';
import { DEFAULT_SETTINGS } from './engine/settings';
import { errorMessage } from './engine/host/projectHost';
import { ts } from './engine/compiler';
import { RULES, RULE_IDS } from './rules';
import { isDirectory, isFile } from './engine/host/fileSystem';
import { FindingsCache, cacheFilePath } from './cli/cache';

declare const LOOPGUARD_VERSION: string;

/** Folder that holds package.json and docs/ (dist/.. when bundled). */
const packageRoot = path.resolve(__dirname, '..');

export function main(argv: string[], cwd = process.cwd()): number {
  let options;
  try {
    options = parseCliArgs(argv, RULE_IDS);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n\nRules:\n${RULES.map((rule) => `  ${rule.id.padEnd(24)}${rule.description}`).join('\n')}\n`);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${LOOPGUARD_VERSION}\n`);
    return 0;
  }
  if (options.lsp) {
    // The bundled server beside this file (dist/server.js): one install serves the CLI and the editors.
    // It runs until the editor sends exit.
    (require(path.join(__dirname, 'server.js')) as { startStdioServer(): void }).startStdioServer();
    return 0;
  }
  let project: string | undefined;
  if (options.project) {
    const resolved = resolveProject(options.project, cwd);
    if ('error' in resolved) return fail(resolved.error);
    project = resolved.path;
  }
  const outputPath = options.output ? path.resolve(cwd, options.output) : undefined;
  if (outputPath) {
    const problem = outputProblem(options.output!, outputPath);
    if (problem) return fail(problem);
  }

  const collection = collectFiles(options.paths, cwd, { includeBuildOutput: options.includeBuildOutput });
  if (collection.missing.length > 0 || collection.unreadable.length > 0) {
    const lines = [
      ...collection.missing.map((missing) => `${missing}: no such file or folder`),
      ...collection.unreadable.map((unreadable) => `${unreadable.path}: cannot be read (${unreadable.reason})`),
    ];
    return fail(`${lines.join('\n')}\nCheck the paths you passed to loopguard and that you may read them.`);
  }
  const notes = [...collection.notes];
  const engine = new Engine({
    rules: withInjectedFaults(RULES),
    settings: { ...DEFAULT_SETTINGS, rules: options.rules, exclude: options.exclude },
    project,
    root: cwd,
    log: (message, detail) => notes.push(process.env.LOOPGUARD_DEBUG && detail ? `${message}\n${detail}` : message),
  });
  const files = collection.files.filter((file) => !engine.isExcluded(file));
  if (!project) {
    // A config that does not parse would silently analyse its files with default options.
    const broken = [...new Set(files.map((file) => engine.host.configFor(file)))]
      .filter((config): config is string => config !== undefined)
      .map((config) => ({ config, problem: configProblem(config) }))
      .filter((entry) => entry.problem !== undefined);
    if (broken.length > 0) {
      return fail(
        `${broken.map(({ config, problem }) => `${displayPath(config, cwd)}: not a valid config file (${problem})`).join('\n')}\nFix the config, or pass --project <tsconfig> to use another one for every file.`,
      );
    }
  }
  // One program per project holding every listed file, instead of a rebuild per file that no config lists.
  engine.host.addRootFiles(files);
  const findings: LocatedFinding[] = [];
  const failures: RuleFailure[] = [];
  // --fix (when it comes) needs every finding's fixes: it must run without the cache.
  const cache = options.cache ? new FindingsCache(cacheFilePath(options.cacheLocation, cwd), engine, cwd, notes) : undefined;
  const progress = startProgress(files.length, !options.quiet);
  for (const [index, file] of files.entries()) {
    const cached = cache?.lookup(file);
    if (cached) {
      notes.push(...cached.notes);
      findings.push(...cached.findings);
      progress(index + 1);
      continue;
    }
    const begun = cache?.begin() ?? 0;
    const report = engine.analyzeFile(file);
    notes.push(...report.notes);
    const located = locate(report.findings, report.text, cwd);
    findings.push(...located);
    failures.push(...(report.ruleFailures ?? []));
    cache?.store(file, begun, report.text, located, report.notes, (report.ruleFailures?.length ?? 0) > 0);
    progress(index + 1);
    // A rule that failed means missing findings: no report may look complete, so the run stops
    // here unless the user asked to go on.
    if (failures.length > 0 && !options.continueOnError) break;
  }
  progress.done();
  cache?.save();
  // Test hook: the work done, so the tests can prove that a warm cache builds no program.
  if (process.env.LOOPGUARD_TEST_STATS) {
    process.stderr.write(`loopguard: stats: ${JSON.stringify({ programsCreated: engine.host.stats.programsCreated, cacheHits: cache?.hits ?? 0, cacheMisses: cache?.misses ?? 0 })}\n`);
  }
  // Rule failures are errors (printed below whatever --quiet says), not notes.
  const failureNotes = new Set(failures.map(failureText));
  const printNotes = () => {
    if (!options.quiet) for (const note of new Set(notes)) if (!failureNotes.has(note)) process.stderr.write(`loopguard: note: ${note}\n`);
  };
  const printFailures = () => {
    for (const failure of failures) process.stderr.write(`loopguard: error: rule ${failure.ruleId} failed on ${displayPath(failure.fileName, cwd)}: ${failure.message}\n`);
  };
  if (failures.length > 0 && !options.continueOnError) {
    printNotes();
    printFailures();
    process.stderr.write(
      'loopguard: stopped: a rule failed, so its findings on that file are missing and no report was written. Please report this (with the file if you can share it). ' +
        'Run with --continue-on-error to check the remaining files and report what the rules that work find.\n',
    );
    return 2;
  }

  const version = LOOPGUARD_VERSION;
  const located = failures.map((failure) => ({ ruleId: failure.ruleId, file: displayPath(failure.fileName, cwd), message: failure.message }));
  const output =
    options.format === 'json'
      ? formatJson(findings)
      : options.format === 'sarif'
        ? formatSarif(findings, RULES, version, packageRoot, located)
        : formatText(findings, failures.length);
  if (outputPath) {
    try {
      fs.writeFileSync(outputPath, output);
    } catch (error) {
      return fail(`--output ${options.output}: cannot write the report (${errorMessage(error)}). Choose a file in a folder you may write to.`);
    }
  } else process.stdout.write(output);
  printNotes();
  printFailures();

  const counts = countBySeverity(findings);
  const tooManyWarnings = options.maxWarnings === undefined ? counts.warning > 0 : counts.warning > options.maxWarnings;
  return counts.error > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * Runs longer than a second show "Loop Guard: n/total files" on standard error, rewritten in
 * place and erased before the report is written, so it never mixes with the report (text, JSON or
 * SARIF on standard output) or with the notes. Only when standard error is a terminal that can
 * rewrite a line (never into a pipe, a file or a CI log; not with TERM=dumb) and not with --quiet.
 */
function startProgress(total: number, wanted: boolean): ((count: number) => void) & { done(): void } {
  const enabled = wanted && process.stderr.isTTY === true && process.env.TERM !== 'dumb';
  // Test hook: the delay before the line appears (default one second).
  const delay = Number(process.env.LOOPGUARD_PROGRESS_DELAY_MS ?? 1000);
  const started = Date.now();
  let shown = false;
  let lastWrite = 0;
  const update = (count: number): void => {
    if (!enabled) return;
    const now = Date.now();
    if (now - started < delay || (now - lastWrite < 100 && count < total)) return;
    shown = true;
    lastWrite = now;
    process.stderr.write(`\r\x1b[KLoop Guard: ${count}/${total} files`);
  };
  return Object.assign(update, {
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  });
}

/** `--project` takes a config file or, like tsc, a folder holding tsconfig.json or jsconfig.json. */
function resolveProject(given: string, cwd: string): { path: string } | { error: string } {
  const absolute = path.resolve(cwd, given);
  let configPath = absolute;
  if (isDirectory(absolute)) {
    const found = ['tsconfig.json', 'jsconfig.json'].map((name) => path.join(absolute, name)).find(isFile);
    if (!found) return { error: `--project ${given}: the folder has no tsconfig.json or jsconfig.json. Give the path of a config file.` };
    configPath = found;
  } else if (!isFile(absolute)) {
    return { error: `--project ${given}: no such file. Give the path of a tsconfig.json or jsconfig.json.` };
  }
  const problem = configProblem(configPath);
  if (problem) return { error: `--project ${given}: ${displayPath(configPath, cwd)} is not a valid config file (${problem}). Fix it or give another tsconfig.json.` };
  return { path: configPath };
}

/** Why a tsconfig.json/jsconfig.json cannot be used (it does not parse), or undefined. */
function configProblem(configPath: string): string | undefined {
  const read = ts.readConfigFile(configPath, (file) => fs.readFileSync(file, 'utf8'));
  return read.error ? ts.flattenDiagnosticMessageText(read.error.messageText, ' ') : undefined;
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

/** Checked before the run, so a long analysis is not thrown away for a typo in --output. */
function outputProblem(given: string, outputPath: string): string | undefined {
  if (isDirectory(outputPath)) return `--output ${given}: is a folder. Give the path of a file to write the report to.`;
  const folder = path.dirname(outputPath);
  if (!isDirectory(folder)) return `--output ${given}: the folder ${folder} does not exist. Create it first or choose another file.`;
  return undefined;
}



/** The engine's note for a rule failure (see Engine.ruleFailed). */
function failureText(failure: RuleFailure): string {
  return `rule ${failure.ruleId} failed on ${failure.fileName}: ${failure.message}`;
}

function fail(message: string): number {
  process.stderr.write(`loopguard: ${message}\n`);
  return 2;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `loopguard: internal error: ${errorMessage(error)}\nPlease report this with the command you ran. Details:\n${error instanceof Error ? error.stack : ''}\n`,
    );
    process.exitCode = 2;
  }
}
