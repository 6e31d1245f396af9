// The `loopguard` command: a thin adapter that collects files, runs the engine and prints
// text, JSON or SARIF. Exit codes: 0 clean, 1 problems, 2 unusable input.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { USAGE, UsageError, parseCliArgs } from './cli/args';
import { collectFiles } from './cli/files';
import { LocatedFinding, countBySeverity, formatJson, formatSarif, formatText, locate } from './cli/formatters';
import { Engine } from './engine/engine';
import { DEFAULT_SETTINGS } from './engine/settings';
import { errorMessage } from './engine/host/projectHost';
import { RULES, RULE_IDS } from './rules';

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
  let project: string | undefined;
  if (options.project) {
    project = path.resolve(cwd, options.project);
    if (!fs.existsSync(project) || !fs.statSync(project).isFile()) {
      return fail(`--project ${options.project}: no such file. Give the path of a tsconfig.json or jsconfig.json.`);
    }
  }
  const outputPath = options.output ? path.resolve(cwd, options.output) : undefined;
  if (outputPath && !fs.existsSync(path.dirname(outputPath))) {
    return fail(`--output ${options.output}: the folder ${path.dirname(outputPath)} does not exist.`);
  }

  const collection = collectFiles(options.paths, cwd);
  if (collection.missing.length > 0) {
    return fail(`${collection.missing.map((missing) => `${missing}: no such file or folder`).join('\n')}\nCheck the paths you passed to loopguard.`);
  }
  const notes = [...collection.notes];
  const engine = new Engine({
    rules: RULES,
    settings: { ...DEFAULT_SETTINGS, rules: options.rules, exclude: options.exclude },
    project,
    root: cwd,
    log: (message) => notes.push(message),
  });
  const files = collection.files.filter((file) => !engine.isExcluded(file));
  const findings: LocatedFinding[] = [];
  const progress = startProgress(files.length);
  for (const [index, file] of files.entries()) {
    const report = engine.analyzeFile(file);
    notes.push(...report.notes);
    findings.push(...locate(report.findings, report.text, cwd));
    progress(index + 1);
  }
  progress.done();

  const version = LOOPGUARD_VERSION;
  const output =
    options.format === 'json'
      ? formatJson(findings)
      : options.format === 'sarif'
        ? formatSarif(findings, RULES, version, packageRoot)
        : formatText(findings);
  if (outputPath) fs.writeFileSync(outputPath, output);
  else process.stdout.write(output);
  for (const note of new Set(notes)) process.stderr.write(`loopguard: note: ${note}\n`);

  const counts = countBySeverity(findings);
  const tooManyWarnings = options.maxWarnings === undefined ? counts.warning > 0 : counts.warning > options.maxWarnings;
  return counts.error > 0 || tooManyWarnings ? 1 : 0;
}

/** On a terminal, runs longer than a second show "checked n/m files" on stderr. */
function startProgress(total: number): ((count: number) => void) & { done(): void } {
  const started = Date.now();
  let shown = false;
  const update = (count: number): void => {
    if (!process.stderr.isTTY || Date.now() - started < 1000) return;
    shown = true;
    process.stderr.write(`\rloopguard: checked ${count}/${total} files`);
  };
  return Object.assign(update, {
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  });
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
