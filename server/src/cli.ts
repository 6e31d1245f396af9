// The `loopguard` command: a thin adapter that collects files, runs the engine and prints
// text, JSON or SARIF. Exit codes: 0 clean, 1 problems, 2 unusable input or a rule that failed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { USAGE, UsageError, onlyRules, parseCliArgs } from './cli/args';
import { runCliFix } from './cli/fix';
import { collectFiles } from './cli/files';
import { LocatedFinding, countBySeverity, formatJson, formatSarif, formatText, locate } from './cli/formatters';
import { formatCheckstyle, formatGithub, formatGitlab, formatJunit } from './cli/ciFormats';
import { ChangedPlan, GitError, planChanged } from './cli/changed';
import { Engine, RuleFailure } from './engine/engine';
import { withInjectedFaults, withInjectedPythonFaults } from './engine/host/faultInjection';
import { DEFAULT_SETTINGS } from './engine/settings';
import type { SeveritySetting } from './engine/findings';
import { errorMessage } from './engine/host/projectHost';
import { ts } from './engine/compiler';
import { ALL_RULES, PYTHON_RULES, RULES, RULE_IDS } from './rules';
import { isPythonFile, preparePython, pythonUnavailable } from './engine/python/parser';
import { isDirectory, isFile } from './engine/host/fileSystem';
import { configProblemsFor, formatConfigProblems, printedConfig } from './cli/config';
import { displayPath } from './cli/paths';
import { AnalysedFile, staleFindings, suppressionsProblems, updateSuppressions } from './cli/suppressions';
import { FindingsCache, cacheFilePath } from './cli/cache';
import { ParallelAnalysis, isCliWorker, partition, runCliWorker, workerCount } from './cli/parallel';

declare const LOOPGUARD_VERSION: string;

/** Folder that holds package.json and docs/ (dist/.. when bundled). */
const packageRoot = path.resolve(__dirname, '..');

/** Every rule for the listings (--help, SARIF): the JS/TS rules, then the Python rules with ids of their own. */

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  let options;
  try {
    options = parseCliArgs(argv, RULE_IDS);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n\nRules:\n${ALL_RULES.map((rule) => `  ${rule.id.padEnd(24)}${rule.description}`).join('\n')}\n`);
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

  if (options.printConfig !== undefined) return printConfig(options.printConfig, cwd, project, options.rules);

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
    pythonRules: withInjectedPythonFaults(PYTHON_RULES),
    // Base severities go on top of every loopguard.json: --only turning the other rules off wins over the files.
    settings: { ...DEFAULT_SETTINGS, rules: onlyRules(options.rules, options.only, RULE_IDS), exclude: options.exclude },
    project,
    root: cwd,
    // Each file is analysed once (--fix re-analyses whole files): no per-unit cache to keep.
    unitCache: false,
    log: (message, detail) => notes.push(process.env.LOOPGUARD_DEBUG && detail ? `${message}\n${detail}` : message),
  });
  // A config with a mistake would silently check with other settings than the team agreed on.
  const configProblems = configProblemsFor(engine, collection.files);
  if (configProblems.length > 0) return fail(formatConfigProblems(configProblems, cwd));
  const configs = new Set(collection.files.flatMap((file) => engine.configFor(file)?.file ?? []));
  if (configs.size > 0) notes.push(`configuration: ${[...configs].map((config) => displayPath(config, cwd)).join(', ')}`);
  const files = collection.files.filter((file) => !engine.isExcluded(file));
  // As Ruff: a run that checks nothing says so (a wrong path, everything ignored), without failing a
  // CI job over a package that has no sources.
  if (files.length === 0 && !options.changed) {
    const where = options.paths.length > 0 ? options.paths.join(', ') : '.';
    process.stderr.write(
      `loopguard: warning: no JavaScript, TypeScript or Python files to check in ${where} (skipped: files ignored by .gitignore, loopguard.json "ignores" and --exclude; node_modules, virtual environments, build output). Name a file to check it anyway.\n`,
    );
  }
  // Python files need the parser's WebAssembly; a run that cannot load it must not look clean.
  const pythonCount = files.filter(isPythonFile).length;
  if (pythonCount > 0) {
    await preparePython();
    const unavailable = pythonUnavailable();
    if (unavailable) return fail(`${pythonCount} Python file${pythonCount === 1 ? '' : 's'} cannot be checked: ${unavailable}. Reinstall Loop Guard, or pass only JavaScript and TypeScript files.`);
  }
  const scriptFiles = files.filter((file) => !isPythonFile(file));
  if (!project) {
    // A config that does not parse would silently analyse its files with default options.
    const broken = [...new Set(scriptFiles.map((file) => engine.host.configFor(file)))]
      .filter((config): config is string => config !== undefined)
      .map((config) => ({ config, problem: configProblem(config) }))
      .filter((entry) => entry.problem !== undefined);
    if (broken.length > 0) {
      return fail(
        `${broken.map(({ config, problem }) => `${displayPath(config, cwd)}: not a valid config file (${problem})`).join('\n')}\nFix the config, or pass --project <tsconfig> to use another one for every file.`,
      );
    }
  }
  // A suppressions file (baseline) that does not parse would silently report every accepted problem.
  const badSuppressions = suppressionsProblems(engine, files, cwd);
  if (badSuppressions) return fail(badSuppressions);
  // One program per project holding every listed file, instead of a rebuild per file that no config lists.
  engine.host.addRootFiles(scriptFiles);
  let changed: ChangedPlan | undefined;
  if (options.changed) {
    try {
      changed = planChanged(engine, files, cwd, options.base);
    } catch (error) {
      if (error instanceof GitError) return fail(error.message);
      throw error;
    }
    notes.push(changed.note);
  }
  const analysed = changed ? changed.files : files;
  const findings: LocatedFinding[] = [];
  const failures: RuleFailure[] = [];
  // --fix / --fix-dry-run (cli/fix.ts): fixes first, in memory; the loop below reports what remains.
  let fixErrors = 0;
  if (options.fix) {
    const print = (text: string) => (options.format === 'text' || outputPath ? process.stdout : process.stderr).write(text);
    const fixed = runCliFix(engine, analysed, { ...options.fix, rules: options.only, continueOnError: options.continueOnError }, cwd, print);
    notes.push(...fixed.notes);
    failures.push(...fixed.ruleFailures);
    if (fixed.ruleFailures.length > 0) process.stderr.write('loopguard: no file was changed.\n');
    fixErrors = fixed.errors;
  }
  // The cache holds whole reports: --fix needs every finding's fixes, --changed a before/after
  // comparison, and writing a baseline every finding, so those runs go without it.
  const useCache = options.cache && !options.fix && !changed && !options.suppress;
  if (options.cache && !useCache) notes.push('--cache is not used with --fix, --fix-dry-run, --changed or the suppression options: every file is analysed.');
  const cache = useCache ? new FindingsCache(cacheFilePath(options.cacheLocation, cwd), engine, cwd, notes) : undefined;
  const baselineOutcomes: AnalysedFile[] = [];
  const progress = startProgress(analysed.length, !options.quiet);
  // Several tsconfig projects: their files are analysed in worker threads (cli/parallel.ts), taken here in file order.
  const lookups = analysed.map((file) => cache?.lookup(file));
  const parallel = startParallel(engine, options.fix || changed ? [] : analysed.filter((_, index) => !lookups[index]), project, cwd);
  for (const [index, file] of analysed.entries()) {
    const cached = lookups[index];
    if (cached) {
      notes.push(...cached.notes);
      findings.push(...(options.only ? cached.findings.filter((finding) => options.only!.includes(finding.ruleId)) : cached.findings));
      baselineOutcomes.push({ fileName: file, baseline: cached.baseline });
      progress(index + 1);
      continue;
    }
    let begun = cache?.begin() ?? 0;
    const fromWorker = parallel?.take(file);
    if (fromWorker) {
      notes.push(...fromWorker.logged);
      if (fromWorker.projectWide) begun = -1;
    }
    const report = fromWorker?.report ?? engine.analyzeFile(file);
    notes.push(...report.notes);
    const kept = changed ? changed.keep(report) : report.findings;
    const located = locate(kept, report.text, cwd);
    findings.push(...(options.only ? located.filter((finding) => options.only!.includes(finding.ruleId)) : located));
    failures.push(...(report.ruleFailures ?? []));
    baselineOutcomes.push({ fileName: file, baseline: report.baseline });
    cache?.store(file, begun, report.text, located, report.notes, (report.ruleFailures?.length ?? 0) > 0, report.baseline);
    progress(index + 1);
    // A rule that failed means missing findings: no report may look complete, so the run stops
    // here unless the user asked to go on.
    if (failures.length > 0 && !options.continueOnError) break;
  }
  if (failures.length > 0 && !options.continueOnError) parallel?.abort();
  else parallel?.close();
  notes.push(...(parallel?.notes ?? []));
  progress.done();
  cache?.save();
  // Test hook: the work done, so the tests can prove that a warm cache builds no program.
  if (process.env.LOOPGUARD_TEST_STATS) {
    process.stderr.write(`loopguard: stats: ${JSON.stringify({ programsCreated: engine.host.stats.programsCreated + (parallel?.programsCreated ?? 0), workers: parallel?.workerCount ?? 0, cacheHits: cache?.hits ?? 0, cacheMisses: cache?.misses ?? 0 })}\n`);
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

  if (options.suppress) {
    let updated;
    try {
      updated = updateSuppressions(options.suppress, engine, baselineOutcomes, options.paths, cwd);
    } catch (error) {
      return fail(`cannot write the suppressions file (${errorMessage(error)}). Check that you may write to its folder.`);
    }
    const { summary, notes: suppressNotes } = updated;
    notes.push(...suppressNotes);
    process.stdout.write(`${summary}\n`);
    printNotes();
    printFailures();
    return 0;
  }
  findings.push(...staleFindings(engine, baselineOutcomes, options.paths, cwd));

  const version = LOOPGUARD_VERSION;
  const located = failures.map((failure) => ({ ruleId: failure.ruleId, file: displayPath(failure.fileName, cwd), fileName: failure.fileName, message: failure.message }));
  const formats = {
    text: () => formatText(findings, failures.length),
    json: () => formatJson(findings),
    sarif: () => formatSarif(findings, ALL_RULES, version, packageRoot, located),
    github: () => formatGithub(findings, located, process.env.GITHUB_WORKSPACE),
    gitlab: () => formatGitlab(findings, located, process.env.CI_PROJECT_DIR),
    junit: () => formatJunit(findings, located, analysed.length),
    checkstyle: () => formatCheckstyle(findings, located),
  };
  const output = formats[options.format]();
  if (outputPath) {
    try {
      fs.writeFileSync(outputPath, output);
    } catch (error) {
      return fail(`--output ${options.output}: cannot write the report (${errorMessage(error)}). Choose a file in a folder you may write to.`);
    }
  } else process.stdout.write(output);
  printNotes();
  printFailures();

  if (fixErrors > 0) return 2;
  const counts = countBySeverity(findings);
  const tooManyWarnings = options.maxWarnings === undefined ? counts.warning > 0 : counts.warning > options.maxWarnings;
  return counts.error > 0 || tooManyWarnings ? 1 : 0;
}

/** Worker threads for the files of several projects, or undefined: analyse in-process. */
function startParallel(engine: Engine, files: string[], project: string | undefined, cwd: string): ParallelAnalysis | undefined {
  // The Python files are one group (they have no tsconfig project; the Python project model reads across them).
  const projectOf = (file: string) => (isPythonFile(file) ? '<python>' : engine.host.projectFor(file).key);
  const count = workerCount(new Set(files.map(projectOf)).size);
  if (count < 2) return undefined;
  const settings = engine.getSettings();
  return new ParallelAnalysis(partition(files, projectOf, count), { settings, project, root: cwd }, __filename);
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

/** `--print-config <file>`: what applies to one file; exit 2 when a config in force has problems. */
function printConfig(given: string, cwd: string, project: string | undefined, rules: Record<string, SeveritySetting>): number {
  const file = path.resolve(cwd, given);
  if (!isFile(file)) return fail(`--print-config ${given}: no such file. Give the path of a file to check, e.g. --print-config src/index.ts.`);
  const engine = new Engine({ rules: RULES, pythonRules: PYTHON_RULES, settings: { ...DEFAULT_SETTINGS, rules }, project, root: cwd });
  process.stdout.write(printedConfig(engine, file, cwd));
  const problems = configProblemsFor(engine, [file]);
  if (problems.length > 0) return fail(formatConfigProblems(problems, cwd));
  return 0;
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

if (require.main === module && isCliWorker()) void runCliWorker();
else if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `loopguard: internal error: ${errorMessage(error)}\nPlease report this with the command you ran. Details:\n${error instanceof Error ? error.stack : ''}\n`,
      );
      process.exitCode = 2;
    },
  );
}
