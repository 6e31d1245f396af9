// The `loopguard` command as a user runs it: `node dist/cli.js ...` in small projects, checking the
// three output formats, exit codes, options, file discovery and the messages for bad input.
// Exact expectations use blocking-call (the most established rule); fixtures are in
// test/fixtures/cli/ (inside the repo so @types/node resolves); projects that need .gitignore,
// node_modules, symlinks or unreadable files are made in a temp folder and always include a
// control file that must be reported, so a "not reported" check cannot pass by finding nothing.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliPath as cli, findingKeys, runCli, tempProject as makeProject } from './helpers/cliRun.mjs';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../..');
const fixtures = path.join(repoRoot, 'test/fixtures/cli');
const projectDir = path.join(fixtures, 'project');
const { RULES: TS_RULES, PYTHON_RULES } = require(path.join(repoRoot, 'dist/engine.js'));
// One SARIF rule per id: the Python rules that share a TS rule's id are listed once.
const RULES = [...TS_RULES, ...PYTHON_RULES.filter((rule) => !TS_RULES.some((other) => other.id === rule.id))];
const packageVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;

/** Runs the CLI; the timeout turns a hang (e.g. a followed symlink loop) into a failure. It is
 *  generous because a busy 2-core CI machine can make one run take tens of seconds.
 *  Each analysis takes seconds (TypeScript and @types/node load), so runs of the committed
 *  fixtures are memoized: a test that repeats another's command reuses its result. */
const memo = new Map();
function run(args, { cwd = projectDir, uid, gid } = {}) {
  const key = JSON.stringify([args, cwd, uid]);
  const reusable = cwd.startsWith(repoRoot) && !args.some((arg) => arg.startsWith('-o') || arg.startsWith('--output'));
  if (reusable && memo.has(key)) return memo.get(key);
  // runCli: CI variables unset (GITHUB_ACTIONS would make github the default format), never a stack trace.
  const result = runCli(args, { cwd, uid, gid });
  if (reusable) memo.set(key, result);
  return result;
}

function runJson(args, options) {
  const result = run([...args, '--format', 'json'], options);
  let findings;
  assert.doesNotThrow(() => (findings = JSON.parse(result.stdout)), `not JSON:\n${result.stdout}\n${result.stderr}`);
  return { ...result, findings };
}

const keys = findingKeys;

/** Usage errors: exit 2, nothing on stdout, and stderr says what was wrong and what to do. */
function assertUsageError(result, ...patterns) {
  assert.equal(result.status, 2, `expected exit 2, got ${result.status}\nstdout:${result.stdout}\nstderr:${result.stderr}`);
  assert.equal(result.stdout, '', 'a usage error prints no report');
  assert.match(result.stderr, /^loopguard: /);
  for (const pattern of patterns) assert.match(result.stderr, pattern);
}

const tempProject = (files) => makeProject('cli', files);

const TSCONFIG = fs.readFileSync(path.join(projectDir, 'tsconfig.json'), 'utf8');
const BLOCKING = (name) => `import * as fs from 'node:fs';\nexport async function ${name}(file: string): Promise<string> {\n  return fs.readFileSync(file, 'utf8');\n}\n`;

// The known finding: test/fixtures/cli/project/src/reader.ts line 5, `fs.readFileSync` at columns 10-25.
const READER = {
  file: 'src/reader.ts',
  line: 5,
  column: 10,
  endLine: 5,
  endColumn: 25,
  ruleId: 'blocking-call',
  severity: 'warning',
  message: "fs.readFileSync blocks the event loop inside async function 'readSettings'; use fs.promises.readFile.",
  concept: 'file-io',
};
const PROJECT_FINDINGS = ['src/generated/client.ts:5 blocking-call', 'src/reader.ts:5 blocking-call', 'src/writer.ts:5 blocking-call'];

describe('help and version', () => {
  test('--version prints the package version', () => {
    for (const flag of ['--version', '-v']) {
      const result = run([flag]);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, `${packageVersion}\n`);
    }
  });

  test('--help shows usage, every option and every rule with its description', () => {
    const result = run(['--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: loopguard \[paths\.\.\.\]/);
    for (const option of ['--exclude', '--format', '--output', '--project', '--rule', '--max-warnings', '--quiet', '--help', '--version']) {
      assert.ok(result.stdout.includes(option), `--help should mention ${option}`);
    }
    assert.ok(RULES.length >= 1);
    for (const rule of RULES) {
      assert.match(result.stdout, new RegExp(`^  ${rule.id} +\\S`, 'm'), `--help should list rule ${rule.id}`);
      assert.ok(result.stdout.includes(rule.description), `--help should describe ${rule.id}`);
    }
  });
});

describe('output formats', () => {
  test('text: one "file:line:col  severity  message  rule  concept" line per finding and a summary', () => {
    const result = run([]);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    const findingLines = lines.slice(0, -2);
    assert.equal(findingLines.length, 3, result.stdout);
    for (const line of findingLines) {
      assert.match(line, /^src\/[\w/.-]+\.ts:\d+:\d+ {2}(error|warning|info|hint) {2}.+ {2}[a-z-]+ {2}docs\/concepts\/[a-z-]+\.md$/);
    }
    assert.ok(
      findingLines.includes(`src/reader.ts:5:10  warning  ${READER.message}  blocking-call  docs/concepts/file-io.md`),
      result.stdout,
    );
    assert.equal(lines.at(-2), '');
    assert.equal(lines.at(-1), '3 problems (0 errors, 3 warnings, 0 info) in 3 file(s).');
    assert.ok(fs.existsSync(path.join(repoRoot, 'docs/concepts/file-io.md')), 'the concept path in text output is a real doc');
  });

  test('text is the default format, and --format text is the same', () => {
    assert.equal(run(['--format=text']).stdout, run([]).stdout);
  });

  test('json: an array of {file, line, column, endLine, endColumn, ruleId, severity, message, concept}, 1-based', () => {
    const { status, findings } = runJson([]);
    assert.equal(status, 1);
    assert.deepEqual(keys(findings), PROJECT_FINDINGS);
    for (const finding of findings) {
      assert.deepEqual(Object.keys(finding), ['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'severity', 'message', 'concept']);
    }
    const reader = findings.find((finding) => finding.file === 'src/reader.ts');
    assert.deepEqual(reader, READER);
    // 1-based and end-exclusive: the range is exactly the call's callee in the source text.
    for (const finding of findings) {
      const sourceLine = fs.readFileSync(path.join(projectDir, finding.file), 'utf8').split('\n')[finding.line - 1];
      assert.equal(finding.endLine, finding.line);
      assert.match(sourceLine.slice(finding.column - 1, finding.endColumn - 1), /^fs\.\w+Sync$/, `${finding.file}: ${sourceLine}`);
    }
  });

  test('json: file paths are relative to the working directory, with forward slashes', () => {
    const fromRepo = runJson(['test/fixtures/cli/project'], { cwd: repoRoot });
    assert.deepEqual(
      keys(fromRepo.findings),
      PROJECT_FINDINGS.map((key) => `test/fixtures/cli/project/${key}`),
    );
    const fromSibling = runJson(['../project/src/reader.ts'], { cwd: path.join(fixtures, 'alias') });
    assert.deepEqual(keys(fromSibling.findings), ['../project/src/reader.ts:5 blocking-call']);
  });

  test('json: no findings is an empty array, exit 0', () => {
    const result = runJson(['src/clean.ts']);
    assert.equal(result.status, 0);
    assert.deepEqual(result.findings, []);
    assert.equal(result.stdout, '[]\n');
  });
});

describe('sarif', () => {
  // The SARIF 2.1.0 schema (rtm.5, draft-04) shipped by @microsoft/jest-sarif, validated with the
  // Ajv 6 that package depends on (its own matchers need Jest, so they are not loaded).
  const jestSarifRoot = path.dirname(require.resolve('@microsoft/jest-sarif/package.json'));
  const requireFromJestSarif = createRequire(path.join(jestSarifRoot, 'package.json'));
  const Ajv = requireFromJestSarif('ajv');
  const sarifSchema = JSON.parse(fs.readFileSync(path.join(jestSarifRoot, 'lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ schemaId: 'auto', validateSchema: false, allErrors: true });
  ajv.addMetaSchema(requireFromJestSarif('ajv/lib/refs/json-schema-draft-04.json'));
  const validateSarif = ajv.compile(sarifSchema);
  const schemaErrors = (log) => (validateSarif(log) ? [] : validateSarif.errors.map((error) => `${error.dataPath} ${error.message}`));

  function runSarif(args, options) {
    const result = run([...args, '--format', 'sarif'], options);
    let log;
    assert.doesNotThrow(() => (log = JSON.parse(result.stdout)), `not JSON:\n${result.stdout}\n${result.stderr}`);
    return { ...result, log };
  }

  /** What GitHub code scanning needs from an upload, beyond the schema. */
  function assertCodeScanningShape(log) {
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /^https:\/\/.+sarif-2\.1\.0.*\.json$/);
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    const { driver } = sarifRun.tool;
    assert.ok(driver.name);
    assert.equal(driver.semanticVersion, packageVersion);
    assert.deepEqual(
      driver.rules.map((rule) => rule.id),
      RULES.map((rule) => rule.id),
    );
    for (const rule of driver.rules) {
      assert.match(rule.helpUri, /^https:\/\/\S+$/, `${rule.id} helpUri`);
      assert.ok(rule.help.text.length > 0, `${rule.id} help.text`);
      assert.ok(rule.help.markdown.length > 0, `${rule.id} help.markdown`);
      assert.ok(rule.shortDescription.text.length > 0, `${rule.id} shortDescription`);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), `${rule.id} level`);
    }
    for (const result of sarifRun.results) {
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId, 'ruleIndex points at the rule');
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.message.text.length > 0);
      assert.equal(result.locations.length, 1);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.doesNotMatch(artifactLocation.uri, /^[a-z]+:|^\/|\\/i, 'the uri is relative, with forward slashes');
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      for (const field of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
        assert.ok(Number.isInteger(region[field]) && region[field] >= 1, `region.${field} is 1-based`);
      }
    }
  }

  test('the schema check catches invalid logs (so a pass means something)', () => {
    const { log } = runSarif([]);
    assert.deepEqual(schemaErrors(log), []);
    const broken = structuredClone(log);
    broken.version = '2.0.0';
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].results[0].message;
    assert.ok(schemaErrors(broken).length >= 3, schemaErrors(broken).join('\n'));
  });

  test('SARIF 2.1.0 that validates against the schema and has what code scanning needs', () => {
    const { status, log } = runSarif([]);
    assert.equal(status, 1);
    assert.deepEqual(schemaErrors(log), []);
    assertCodeScanningShape(log);
    const results = log.runs[0].results;
    assert.deepEqual(results.map((result) => `${result.locations[0].physicalLocation.artifactLocation.uri}:${result.locations[0].physicalLocation.region.startLine} ${result.ruleId}`).sort(), PROJECT_FINDINGS);
    const reader = results.find((result) => result.locations[0].physicalLocation.artifactLocation.uri === 'src/reader.ts');
    assert.equal(reader.level, 'warning');
    assert.equal(reader.message.text, READER.message);
    assert.deepEqual(reader.locations[0].physicalLocation.region, { startLine: 5, startColumn: 10, endLine: 5, endColumn: 25 });
    const rule = log.runs[0].tool.driver.rules[reader.ruleIndex];
    assert.equal(rule.id, 'blocking-call');
  });

  test('severities map to SARIF levels and a clean run has an empty results array', () => {
    const asError = runSarif(['--rule', 'blocking-call=error']);
    assert.deepEqual(schemaErrors(asError.log), []);
    assert.ok(asError.log.runs[0].results.every((result) => result.level === 'error'));
    const clean = runSarif(['src/clean.ts']);
    assert.equal(clean.status, 0);
    assert.deepEqual(schemaErrors(clean.log), []);
    assert.deepEqual(clean.log.runs[0].results, []);
    assert.equal(clean.log.runs[0].tool.driver.rules.length, RULES.length, 'rules are listed even with no results');
  });

  test('file names with spaces, "#" and "%" become one relative URI', () => {
    const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/odd name #1 100%.ts': BLOCKING('odd') });
    const { log } = runSarif([], { cwd: root });
    assert.deepEqual(schemaErrors(log), []);
    const uris = log.runs[0].results.map((result) => result.locations[0].physicalLocation.artifactLocation.uri);
    assert.deepEqual(uris, ['src/odd%20name%20%231%20100%25.ts']);
    assert.equal(decodeURIComponent(uris[0]), 'src/odd name #1 100%.ts');
  });

  test('the sample service: valid SARIF whose results match the JSON findings', () => {
    const { log } = runSarif(['samples/service'], { cwd: repoRoot });
    const { findings } = runJson(['samples/service'], { cwd: repoRoot });
    assert.deepEqual(schemaErrors(log), []);
    assertCodeScanningShape(log);
    assert.deepEqual(
      log.runs[0].results.map((result) => `${result.locations[0].physicalLocation.artifactLocation.uri}:${result.locations[0].physicalLocation.region.startLine} ${result.ruleId}`).sort(),
      keys(findings),
    );
  });
});

describe('exit codes and severities', () => {
  test('exit 0 and "No problems found." when nothing is found', () => {
    const result = run(['src/clean.ts']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'No problems found.\n');
  });

  test('exit 1 when there are warnings and no --max-warnings', () => {
    const result = run(['src/reader.ts']);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^1 problem \(0 errors, 1 warning, 0 info\) in 1 file\(s\)\.$/m);
  });

  test('--max-warnings: at the limit exits 0, above it exits 1', () => {
    assert.equal(run(['--max-warnings', '3']).status, 0, 'three warnings with --max-warnings 3');
    assert.equal(run(['--max-warnings', '2']).status, 1, 'three warnings with --max-warnings 2');
    assert.equal(run(['--max-warnings=0']).status, 1);
    assert.equal(run(['src/clean.ts', '--max-warnings', '0']).status, 0);
    // The report is printed either way.
    assert.match(run(['--max-warnings', '3']).stdout, /3 problems/);
  });

  test('--max-warnings must be a whole number of 0 or more', () => {
    for (const bad of ['abc', '1.5', '-1', '']) assertUsageError(run([`--max-warnings=${bad}`]), /--max-warnings/);
    assertUsageError(run(['--max-warnings']), /--max-warnings/, /loopguard --help/);
  });

  test('--rule id=off removes the rule\'s findings', () => {
    const result = run(['--rule', 'blocking-call=off']);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'No problems found.\n');
  });

  test('--rule id=error makes exit 1 even when --max-warnings allows the warnings', () => {
    const result = runJson(['--rule', 'blocking-call=error', '--max-warnings', '100']);
    assert.equal(result.status, 1);
    assert.deepEqual(keys(result.findings), PROJECT_FINDINGS);
    assert.ok(result.findings.every((finding) => finding.severity === 'error'));
  });

  test('--rule id=info reports without failing (info is not a warning); the last --rule for an id wins', () => {
    const result = run(['--rule', 'blocking-call=error', '--rule', 'blocking-call=info']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^src\/reader\.ts:5:10  info  /m);
    assert.match(result.stdout, /3 problems \(0 errors, 0 warnings, 3 info\)/);
  });

  test('--rule with an unknown rule, a bad severity or no "=" is a usage error', () => {
    assertUsageError(run(['--rule', 'no-such-rule=error']), /unknown rule "no-such-rule"/, new RegExp(`Known rules: .*blocking-call`));
    assertUsageError(run(['--rule', 'blocking-call=fatal']), /severity must be one of off, hint, info, warning, error/, /"fatal"/);
    assertUsageError(run(['--rule', 'blocking-call']), /--rule takes <id>=<severity>/);
    assertUsageError(run(['--rule']), /--rule/);
  });

  test('a bad --format or an unknown flag is a usage error that points at --help', () => {
    assertUsageError(run(['--format', 'xml']), /--format must be text, json, sarif, github, gitlab, junit or checkstyle \(got "xml"\)/);
    assertUsageError(run(['--format', 'JSON']), /--format/);
    assertUsageError(run(['--autofix']), /Unknown option '--autofix'/, /loopguard --help/);
    assertUsageError(run(['-x']), /Unknown option '-x'/);
  });
});

describe('paths, --project and --output', () => {
  test('a missing path is exit 2 and names the path, even next to good ones', () => {
    assertUsageError(run(['src/nope.ts']), /src\/nope\.ts: no such file or folder/, /Check the paths/);
    assertUsageError(run(['src', 'missing-folder']), /missing-folder: no such file or folder/);
  });

  test('a file that is not JavaScript/TypeScript is skipped with a note', () => {
    const result = run(['tsconfig.json', 'src/reader.ts']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /note: tsconfig\.json: not a JavaScript, TypeScript or Python file; skipped\./);
    assert.match(result.stdout, /^src\/reader\.ts:5:10 /);
  });

  test('files and folders can be mixed; a file given twice is reported once', () => {
    const { findings } = runJson(['src/reader.ts', 'src/generated', 'src/reader.ts', './src/reader.ts']);
    assert.deepEqual(keys(findings), ['src/generated/client.ts:5 blocking-call', 'src/reader.ts:5 blocking-call']);
  });

  test('without --project each file uses its nearest config', () => {
    // alias/nested/tsconfig.json maps 'blocking-io' to fs; the outer alias/tsconfig.json does not.
    const { findings } = runJson([], { cwd: path.join(fixtures, 'alias') });
    assert.deepEqual(keys(findings), ['nested/src/load.ts:6 blocking-call']);
  });

  test('--project <tsconfig> is used for every file; a folder means its tsconfig.json', () => {
    const cwd = path.join(fixtures, 'alias');
    const { findings } = runJson(['--project', 'config/tsconfig.paths.json'], { cwd });
    assert.deepEqual(keys(findings), ['nested/src/load.ts:6 blocking-call', 'src/load.ts:6 blocking-call']);
    const viaFolder = runJson(['src', '--project', 'nested'], { cwd });
    assert.deepEqual(keys(viaFolder.findings), ['src/load.ts:6 blocking-call']);
  });

  test('--project that is missing, has no config or does not parse is exit 2', () => {
    assertUsageError(run(['--project', 'tsconfig.missing.json']), /--project tsconfig\.missing\.json: no such file/, /tsconfig\.json/);
    assertUsageError(run(['--project', 'src']), /--project src: the folder has no tsconfig\.json or jsconfig\.json/);
    assertUsageError(run(['--project', '../broken-config/tsconfig.json']), /not a valid config file/, /Fix it/);
  });

  test('a nearest config that does not parse is exit 2 (bad config), and --project gets around it', () => {
    const cwd = path.join(fixtures, 'broken-config');
    assertUsageError(run([], { cwd }), /tsconfig\.json: not a valid config file/, /--project/);
    const { status, findings } = runJson(['--project', '../project/tsconfig.json'], { cwd });
    assert.equal(status, 1);
    assert.deepEqual(keys(findings), ['src/index.ts:6 blocking-call']);
  });

  test('--output writes the report to the file and nothing to stdout', () => {
    const root = tempProject({});
    const text = run(['--output', path.join(root, 'report.txt')]);
    assert.equal(text.status, 1, 'the exit code still reflects the findings');
    assert.equal(text.stdout, '');
    assert.equal(fs.readFileSync(path.join(root, 'report.txt'), 'utf8'), run([]).stdout);
    // -o, and a path relative to the working directory.
    const sarif = run(['--format', 'sarif', '-o', path.relative(projectDir, path.join(root, 'report.sarif'))]);
    assert.equal(sarif.stdout, '');
    assert.equal(fs.readFileSync(path.join(root, 'report.sarif'), 'utf8'), run(['--format', 'sarif']).stdout);
  });

  test('--output into a missing folder or onto a folder is exit 2 and writes nothing', () => {
    const root = tempProject({});
    const inMissing = path.join(root, 'no/such/folder/report.json');
    assertUsageError(run(['--output', inMissing]), /--output .*: the folder .* does not exist/);
    assert.equal(fs.existsSync(path.join(root, 'no')), false);
    assertUsageError(run(['--output', root]), /--output .*: is a folder/);
    assert.deepEqual(fs.readdirSync(root), []);
  });
});

describe('which files are checked', () => {
  test('--exclude takes globs relative to the working directory and is repeatable', () => {
    const without = (args) => keys(runJson(args).findings);
    const noGenerated = PROJECT_FINDINGS.filter((key) => !key.includes('generated'));
    assert.deepEqual(without(['--exclude', 'src/generated/**']), noGenerated);
    assert.deepEqual(without(['--exclude', 'src/generated']), noGenerated, 'a folder excludes what is below it');
    assert.deepEqual(without(['--exclude', './src/generated/']), noGenerated);
    assert.deepEqual(without(['--exclude', 'generated']), noGenerated, 'a bare name matches at any depth');
    // Repeatable; a partial folder name ("src/gen") matches nothing.
    assert.deepEqual(without(['--exclude', 'src/gen', '--exclude', 'src/w*.ts']), ['src/generated/client.ts:5 blocking-call', 'src/reader.ts:5 blocking-call']);
    assertUsageError(run(['--exclude', './']), /--exclude needs a glob/);
  });

  test('node_modules and files ignored by .gitignore (also nested ones) are skipped', () => {
    const root = tempProject({
      'tsconfig.json': TSCONFIG,
      '.gitignore': '# build output\nbuild/\n*.local.ts\n!keep.local.ts\n',
      'src/main.ts': BLOCKING('main'),
      'src/keep.local.ts': BLOCKING('keep'),
      'src/scratch.local.ts': BLOCKING('scratch'),
      'build/out.ts': BLOCKING('built'),
      'node_modules/dep/index.ts': BLOCKING('dep'),
      'src/node_modules/inner/index.js': "const fs = require('node:fs');\nmodule.exports = async () => fs.readFileSync('x');\n",
      'src/vendor/.gitignore': 'copied.ts\n',
      'src/vendor/copied.ts': BLOCKING('copied'),
      'src/vendor/own.ts': BLOCKING('own'),
      '.git/hooks/hook.ts': BLOCKING('hook'),
    });
    const { status, findings } = runJson([], { cwd: root });
    assert.equal(status, 1);
    assert.deepEqual(keys(findings), ['src/keep.local.ts:3 blocking-call', 'src/main.ts:3 blocking-call', 'src/vendor/own.ts:3 blocking-call']);
    // The same files are found when walking from a subfolder: ancestor .gitignore files apply.
    assert.deepEqual(keys(runJson(['.'], { cwd: path.join(root, 'src') }).findings), ['keep.local.ts:3 blocking-call', 'main.ts:3 blocking-call', 'vendor/own.ts:3 blocking-call']);
    // A file named on the command line is checked even if ignored.
    assert.deepEqual(keys(runJson(['build/out.ts'], { cwd: root }).findings), ['build/out.ts:3 blocking-call']);
  });

  test('JavaScript and TypeScript extensions are found; declaration files are not', () => {
    const js = "const fs = require('node:fs');\nasync function f() {\n  return fs.readFileSync('x');\n}\nmodule.exports = f;\n";
    const root = tempProject({
      'tsconfig.json': TSCONFIG.replace('"strict": true,', '"strict": true,\n    "allowJs": true,\n    "jsx": "react-jsx",'),
      'src/a.ts': BLOCKING('a'),
      'src/b.mts': BLOCKING('b'),
      'src/c.cts': BLOCKING('c'),
      'src/d.tsx': BLOCKING('d'),
      'src/e.js': js,
      'src/f.cjs': js,
      'src/types.d.ts': 'export declare function g(): void;\n',
      'src/notes.md': 'fs.readFileSync\n',
    });
    const { findings } = runJson([], { cwd: root });
    assert.deepEqual(
      [...new Set(findings.map((finding) => finding.file))].sort(),
      ['src/a.ts', 'src/b.mts', 'src/c.cts', 'src/d.tsx', 'src/e.js', 'src/f.cjs'],
    );
  });

  test('symlinked folders are not followed, so a symlink loop terminates', () => {
    const outside = tempProject({ 'elsewhere.ts': BLOCKING('elsewhere') });
    const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/main.ts': BLOCKING('main'), 'src/deep/er/x.ts': BLOCKING('x') });
    fs.symlinkSync('..', path.join(root, 'src/up'), 'dir'); // src/up -> root: a loop
    fs.symlinkSync('../../..', path.join(root, 'src/deep/er/top'), 'dir');
    fs.symlinkSync(path.join(root, 'src/self'), path.join(root, 'src/self'), 'dir'); // points at itself
    fs.symlinkSync(outside, path.join(root, 'src/linked'), 'dir');
    const { status, findings } = runJson([], { cwd: root }); // run() fails on a time-out
    assert.equal(status, 1);
    assert.deepEqual(keys(findings), ['src/deep/er/x.ts:3 blocking-call', 'src/main.ts:3 blocking-call']);
  });

  test('a file with syntax errors is still analysed and reported, without crashing', () => {
    const cwd = path.join(fixtures, 'syntax-error');
    const result = runJson([], { cwd });
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(keys(result.findings), ['src/half-written.ts:5 blocking-call']);
    assert.equal(result.findings[0].column, 10);
  });

  test('an empty folder, or one without JS/TS files, prints "No problems found." and exits 0', () => {
    const empty = tempProject({});
    const result = run([], { cwd: empty });
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'No problems found.\n');
    // ...and says on stderr that nothing was checked (as Ruff does), so a wrong path is not mistaken for a clean run.
    assert.match(result.stderr, /warning: no JavaScript, TypeScript or Python files to check in \./);
    const docsOnly = tempProject({ 'README.md': '# hi\n', 'data/x.json': '{}', 'sub/empty/.keep': '' });
    const json = runJson([docsOnly], { cwd: empty });
    assert.equal(json.status, 0);
    assert.equal(json.stdout, '[]\n');
  });

  test('unreadable files and folders in the tree are skipped with a note; an unreadable path argument is exit 2', (t) => {
    // root reads everything, so as root the CLI runs as 'nobody'.
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (process.platform === 'win32') return t.skip('no POSIX permissions');
    const ids = asRoot ? { uid: 65534, gid: 65534 } : {};
    const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/main.ts': BLOCKING('main'), 'src/secret.ts': BLOCKING('secret'), 'src/locked/hidden.ts': BLOCKING('hidden') });
    fs.chmodSync(root, 0o755);
    fs.chmodSync(path.join(root, 'src/secret.ts'), 0o000);
    fs.chmodSync(path.join(root, 'src/locked'), 0o000);
    try {
      if (asRoot) {
        const probe = spawnSync(process.execPath, [cli, '--version'], { ...ids, encoding: 'utf8' });
        if (probe.status !== 0) return t.skip(`cannot run node as uid 65534: ${probe.stderr}`);
      }
      const result = runJson([], { cwd: root, ...ids });
      assert.equal(result.status, 1);
      assert.deepEqual(keys(result.findings), ['src/main.ts:3 blocking-call']);
      assert.match(result.stderr, /note: .*src\/secret\.ts.*(could not|cannot) be read/);
      assert.match(result.stderr, /note: .*src\/locked.*cannot be read.*skipped/);
      assertUsageError(run(['src/secret.ts'], { cwd: root, ...ids }), /src\/secret\.ts: cannot be read \(EACCES\)/);
      assertUsageError(run(['src/locked'], { cwd: root, ...ids }), /src\/locked: cannot be read \(EACCES\)/);
    } finally {
      fs.chmodSync(path.join(root, 'src/locked'), 0o755);
      fs.chmodSync(path.join(root, 'src/secret.ts'), 0o644);
    }
  });
});

describe('a realistic run: samples/service', () => {
  test('every seeded blocking call is reported in text format, with exit 1', () => {
    const result = run(['samples/service'], { cwd: repoRoot });
    assert.equal(result.status, 1, result.stderr);
    const seeded = [];
    for (const name of fs.readdirSync(path.join(repoRoot, 'samples/service/src'), { recursive: true })) {
      if (!/\.[jt]s$/.test(name)) continue;
      const file = `samples/service/src/${name.split(path.sep).join('/')}`;
      fs.readFileSync(path.join(repoRoot, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/\/\/ seeded: blocking-call\b/.test(line)) seeded.push(`${file}:${index + 1}`);
        });
    }
    assert.ok(seeded.length >= 3, 'the sample seeds blocking calls');
    const lines = result.stdout.split('\n').filter((line) => /^samples\//.test(line));
    const reported = lines.filter((line) => line.includes('  blocking-call  ')).map((line) => line.split(':').slice(0, 2).join(':'));
    assert.deepEqual(reported.sort(), seeded.sort());
    assert.ok(lines.includes(
      "samples/service/src/routes/users.ts:6:20  warning  fs.readFileSync blocks the event loop inside async function 'handleGetUser'; use fs.promises.readFile.  blocking-call  docs/concepts/file-io.md",
    ), result.stdout);
    assert.match(result.stdout, new RegExp(`\\n\\n${lines.length} problems \\(\\d+ errors?, \\d+ warnings?, \\d+ info\\) in \\d+ file\\(s\\)\\.\\n$`));
  });

  test('--rule blocking-call=off leaves the other rules\' findings and --exclude drops a folder', () => {
    const all = runJson(['samples/service'], { cwd: repoRoot }).findings;
    const noBlocking = runJson(['samples/service', '--rule', 'blocking-call=off'], { cwd: repoRoot }).findings;
    assert.deepEqual(keys(noBlocking), keys(all.filter((finding) => finding.ruleId !== 'blocking-call')));
    const noRoutes = runJson(['samples/service', '--exclude', 'samples/service/src/routes'], { cwd: repoRoot }).findings;
    assert.deepEqual(keys(noRoutes), keys(all.filter((finding) => !finding.file.includes('/routes/'))));
    assert.ok(noRoutes.length < all.length);
  });
});

describe('progress line (runs longer than a second, on a terminal only)', () => {
  // LOOPGUARD_PROGRESS_DELAY_MS=0: the line appears at once, so the fixture project (a quick run) shows it.
  const env = { ...process.env, LOOPGUARD_PROGRESS_DELAY_MS: '0', TERM: 'xterm' };
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

  test('piped output has no progress line, whatever the format', () => {
    for (const format of ['text', 'json']) {
      const result = spawnSync(process.execPath, [cli, '--format', format], { cwd: projectDir, encoding: 'utf8', env, timeout: 300_000 });
      assert.equal(result.status, 1);
      assert.doesNotMatch(result.stderr, /Loop Guard:|\r|\x1b/, `stderr (${format}): ${JSON.stringify(result.stderr)}`);
      assert.doesNotMatch(result.stdout, /Loop Guard: \d|\r|\x1b/, `stdout (${format})`);
    }
  });

  test('on a terminal, "Loop Guard: n/total files" is rewritten in place and erased before the report; --quiet hides it', { skip: hasScript ? false : 'no `script` command to run the CLI on a pseudo-terminal' }, () => {
    // `script` runs the CLI on a pseudo-terminal (stdout and stderr both the terminal) and copies what it printed.
    const onTerminal = (args) => {
      const result = spawnSync('script', ['-q', '-e', '-c', [process.execPath, cli, ...args].join(' '), '/dev/null'], { cwd: projectDir, encoding: 'utf8', env, timeout: 300_000 });
      assert.equal(result.status, 1, result.stdout);
      return result.stdout;
    };
    const shown = onTerminal([]);
    const lines = [...shown.matchAll(/\r\x1b\[KLoop Guard: (\d+)\/(\d+) files/g)];
    assert.ok(lines.length > 0, JSON.stringify(shown));
    assert.equal(lines.at(-1)[1], lines.at(-1)[2], 'the last update counts every file');
    const erased = shown.indexOf('\r\x1b[K', lines.at(-1).index + 1);
    const report = shown.indexOf('src/');
    assert.ok(erased > lines.at(-1).index && erased < report, `the line is erased before the report: ${JSON.stringify(shown)}`);
    assert.doesNotMatch(onTerminal(['--quiet']), /Loop Guard: \d/);
  });
});

test('a folder that is a repository of its own (.git inside) is not hidden by the .gitignore of a repository above it', () => {
  const root = tempProject({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'corpora/\n',
    'corpora/own/.git/HEAD': 'ref: refs/heads/main\n',
    'corpora/own/.gitignore': 'skipped.ts\n',
    'corpora/own/tsconfig.json': TSCONFIG,
    'corpora/own/src/main.ts': BLOCKING('main'),
    'corpora/own/src/skipped.ts': BLOCKING('skipped'),
    'corpora/hidden/src/main.ts': BLOCKING('hidden'),
  });
  assert.deepEqual(keys(runJson(['.'], { cwd: path.join(root, 'corpora/own') }).findings), ['src/main.ts:3 blocking-call']);
  assert.deepEqual(keys(runJson(['corpora/own'], { cwd: root }).findings), ['corpora/own/src/main.ts:3 blocking-call']);
  assert.deepEqual(keys(runJson(['.'], { cwd: root }).findings), [], 'walking from above, the ignored folder stays ignored (as git does)');
});

// A rule that throws on a file means findings are missing: the run must say so, never print a
// clean report over it. LOOPGUARD_TEST_FAIL_RULE (server/src/engine/host/faultInjection.ts) makes
// a rule throw on the files whose path contains the text after the colon.
describe('a rule that fails on a file is an error', () => {
  const runFaulty = (args, fault = 'blocking-call:reader.ts') => {
    const result = spawnSync(process.execPath, [cli, ...args], {
      cwd: projectDir,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, LOOPGUARD_TEST_FAIL_RULE: fault },
    });
    assert.equal(result.error, undefined);
    return result;
  };
  const failureLine = /^loopguard: error: rule blocking-call failed on src\/reader\.ts: injected fault/m;

  test('exit 2, no report on stdout, and stderr names the file and the rule', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const result = runFaulty(['src', '--format', format]);
      assert.equal(result.status, 2, `${format}: ${result.stderr}`);
      assert.equal(result.stdout, '', `${format}: no report (never "[]" or "No problems found.") over missing findings`);
      assert.match(result.stderr, failureLine);
      assert.match(result.stderr, /--continue-on-error/);
      assert.doesNotMatch(result.stderr, /loopguard: note: rule blocking-call failed/, 'the failure is an error, not also a note');
    }
  });

  test('-q still prints the failure', () => {
    const result = runFaulty(['src', '-q']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, failureLine);
  });

  test('--continue-on-error checks every file, prints the failures (also with -q) and exits with the findings\' code', () => {
    const healthy = runJson(['src']);
    const result = runFaulty(['src', '--continue-on-error', '-q', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const findings = JSON.parse(result.stdout);
    assert.deepEqual(
      keys(findings),
      keys(healthy.findings).filter((key) => !key.startsWith('src/reader.ts:') || !key.endsWith(' blocking-call')),
      'only the failing rule\'s findings on the failing file are missing',
    );
    assert.match(result.stderr, failureLine);
  });

  test('--continue-on-error with no findings: exit 0, but the text summary does not claim a clean run', () => {
    const result = runFaulty(['src/reader.ts', '--continue-on-error'], 'blocking-call');
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /^No problems found\.$/m);
    assert.match(result.stdout, /No problems found by the rules that ran\. 1 rule failure: their findings are missing/);
    assert.match(result.stderr, failureLine);
  });

  test('--continue-on-error with SARIF: the run is not successful and the failure is a tool execution notification', () => {
    const result = runFaulty(['src', '--continue-on-error', '--format', 'sarif']);
    const [invocation] = JSON.parse(result.stdout).runs[0].invocations;
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolExecutionNotifications.length, 1);
    assert.equal(invocation.toolExecutionNotifications[0].level, 'error');
    assert.equal(invocation.toolExecutionNotifications[0].associatedRule.id, 'blocking-call');
    assert.match(invocation.toolExecutionNotifications[0].message.text, /src\/reader\.ts/);
  });
});
