// loopguard.json: one configuration for the editor and CI. Reading (problems with file, line and
// what to write instead), lookup (nearest wins, up to the repository root), extends (paths and
// packages), overrides, ignores, rule options, blocking extra/allow; then the CLI and the language
// server on the same project give the same findings, and a running server picks up a changed config.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { engineModule, repoRoot } from './helpers/engine.mjs';
import { LspClient } from './helpers/lspClient.mjs';
import { findingKeys as keysOf, runCli, tempProject } from './helpers/cliRun.mjs';

const { ConfigResolver, parseConfigFile, DEFAULT_SETTINGS, RULES, SETTINGS_TABLE } = engineModule;
const vocabulary = { ruleIds: RULES.map((rule) => rule.id), table: SETTINGS_TABLE };
/** A temp folder with files (path -> text); a repository root unless `git: false`. */
const tree = (files, { git = true } = {}) => tempProject('config', files, { git });

const problemsOf = (text) => parseConfigFile('/p/loopguard.json', text, vocabulary).problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`);

describe('reading a loopguard.json', () => {
  test('a valid file with comments and trailing commas has no problems, and every part is read', () => {
    const text = `{
  // the team's settings
  "$schema": "./node_modules/loopguard/loopguard.schema.json",
  "extends": ["./base.json"],
  "rules": { "blocking-call": "error", "floating-promise": ["warning", { "safePromises": ["logEvent"] }] },
  "checkThenables": true,
  "ignores": ["dist/"],
  "blocking": { "extra": [{ "module": "node:better-sqlite3", "name": "Database.prototype.prepare" }], "allow": [{ "module": "fs" }] },
  "overrides": [{ "files": ["bin/**"], "rules": { "blocking-call": "off" } }],
}`;
    const { config, problems } = parseConfigFile('/p/loopguard.json', text, vocabulary);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.base.rules, { 'blocking-call': 'error', 'floating-promise': 'warning' });
    assert.deepEqual(config.base.options, { safePromises: ['logEvent'], checkThenables: true });
    assert.deepEqual(config.base.blocking.extra[0].module, 'node:better-sqlite3'.replace('node:', ''));
    assert.deepEqual(config.base.blocking.allow, [{ module: 'fs' }]);
    assert.deepEqual(config.ignores, ['dist/']);
    assert.deepEqual(config.overrides[0].files, ['bin/**']);
    assert.deepEqual(config.extends.map((entry) => entry.spec), ['./base.json']);
  });

  test('each mistake is reported at its line and column with what to write instead', () => {
    const cases = [
      ['{\n  "rules": { "blocking-call": "off" \n', /^3:1 not valid JSON: .*check quotes, commas and brackets/],
      ['{\n  "rules": {\n    "floating-promis": "error"\n  }\n}', /^3:5 unknown rule "floating-promis": did you mean "floating-promise"\?/],
      ['{ "rules": { "blocking-call": "warn" } }', /^1:31 "rules"."blocking-call" must be a severity .*did you mean "warning"\?$/],
      ['{ "rules": { "blocking-call": ["error", { "safePromises": [] }] } }', /^1:43 "safePromises" is not an option of blocking-call\. It has no options: write "blocking-call": "<severity>"\.$/],
      ['{ "rules": { "floating-promise": ["error", { "safePromise": [] }] } }', /did you mean "safePromises"\? Its options: safePromises, checkThenables/],
      ['{\n"safePromises": "logEvent"\n}', /^2:17 "safePromises" must be an array of call or type names/],
      ['{ "jsxHandlers": "sometimes" }', /"jsxHandlers" must be "whenUnguarded", "always" or "off"/],
      ['{ "run": "onSave" }', /^1:3 "run" is an editor setting \(loopguard.run in VS Code's settings\).*remove it/],
      ['{ "exclude": ["dist"] }', /write "ignores"/],
      ['{ "safePromis": [] }', /unknown key "safePromis": did you mean "safePromises"\?/],
      ['{ "overrides": [{ "rules": {} }] }', /an override needs "files"/],
      ['{ "overrides": [{ "files": ["a"], "extends": "./x.json" }] }', /unknown key "extends".*An override may hold: files, rules, blocking/],
      ['{ "blocking": { "extra": [{ "name": "querySync" }] } }', /names a "name" and one of "module" .* or "file"/],
      ['{ "blocking": { "extra": [{ "module": "a", "file": "b", "name": "c" }] } }', /one of "module"/],
      ['{ "blocking": { "allowed": [] } }', /did you mean "allow"\?/],
      ['{ "ignores": "dist" }', /"ignores" must be an array of gitignore-style patterns/],
      ['{ "extends": 3 }', /"extends" takes a relative path/],
      ['[1, 2]', /holds one object/],
    ];
    for (const [text, expected] of cases) {
      const problems = problemsOf(text);
      assert.equal(problems.length, 1, `${text}\n${problems.join('\n')}`);
      assert.match(problems[0], expected, text);
    }
  });
});

describe('which configuration applies to a file', () => {
  test('the nearest loopguard.json wins; a nested one replaces its parent unless it extends it', () => {
    const root = tree({
      'loopguard.json': '{ "rules": { "await-in-loop": "off" }, "safePromises": ["track"] }',
      'a/loopguard.json': '{ "rules": { "blocking-call": "error" } }',
      'b/loopguard.json': '{ "extends": "../loopguard.json", "rules": { "blocking-call": "error" } }',
    });
    const resolver = new ConfigResolver({ vocabulary });
    const top = resolver.resolve(path.join(root, 'src/x.ts'), DEFAULT_SETTINGS);
    assert.equal(top.file, path.join(root, 'loopguard.json'));
    assert.equal(top.settings.rules['await-in-loop'], 'off');
    const nested = resolver.resolve(path.join(root, 'a/deep/x.ts'), DEFAULT_SETTINGS);
    assert.equal(nested.file, path.join(root, 'a/loopguard.json'));
    assert.deepEqual(nested.settings.rules, { 'blocking-call': 'error' });
    assert.deepEqual(nested.settings.safePromises, []);
    const extending = resolver.resolve(path.join(root, 'b/x.ts'), DEFAULT_SETTINGS);
    assert.deepEqual(extending.settings.rules, { 'await-in-loop': 'off', 'blocking-call': 'error' });
    assert.deepEqual(extending.settings.safePromises, ['track']);
    assert.deepEqual(extending.files, [path.join(root, 'loopguard.json'), path.join(root, 'b/loopguard.json')]);
  });

  test('the lookup stops at the repository root; outside a repository, at the workspace folder', () => {
    const outer = tree({ 'loopguard.json': '{ "rules": { "blocking-call": "off" } }', 'repo/src/x.ts': '' }, { git: false });
    fs.mkdirSync(path.join(outer, 'repo/.git'));
    const resolver = new ConfigResolver({ vocabulary });
    assert.equal(resolver.resolve(path.join(outer, 'repo/src/x.ts'), DEFAULT_SETTINGS).file, undefined, 'not past .git');
    assert.equal(resolver.resolve(path.join(outer, 'other/x.ts'), DEFAULT_SETTINGS).file, path.join(outer, 'loopguard.json'));
    const bounded = new ConfigResolver({ vocabulary, roots: [path.join(outer, 'other')] });
    assert.equal(bounded.resolve(path.join(outer, 'other/x.ts'), DEFAULT_SETTINGS).file, undefined, 'not past the workspace folder');
    // A workspace folder inside a repository: the lookup goes on to the repository root, as the CLI's does.
    const repo = tree({ 'loopguard.json': '{}', 'pkg/src/x.ts': '' });
    const inRepo = new ConfigResolver({ vocabulary, roots: [path.join(repo, 'pkg')] });
    assert.equal(inRepo.resolve(path.join(repo, 'pkg/src/x.ts'), DEFAULT_SETTINGS).file, path.join(repo, 'loopguard.json'));
  });

  test('extends: a package from node_modules (its globs read from the extending config), later entries win; cycles and .js configs are refused', () => {
    const root = tree({
      'node_modules/@acme/loopguard-config/loopguard.json': '{ "rules": { "await-in-loop": "error", "missing-await": "off" }, "overrides": [{ "files": ["scripts/**"], "rules": { "blocking-call": "off" } }] }',
      'node_modules/@acme/loopguard-config/strict.json': '{ "rules": { "missing-await": "error" } }',
      'loopguard.json': '{ "extends": ["@acme/loopguard-config", "@acme/loopguard-config/strict.json"] }',
      'cycle/loopguard.json': '{ "extends": "./other.json" }',
      'cycle/other.json': '{ "extends": "./loopguard.json" }',
      'js/loopguard.json': '{ "extends": "eslint-config-x/index.js" }',
    });
    const resolver = new ConfigResolver({ vocabulary });
    const script = resolver.resolve(path.join(root, 'scripts/seed.ts'), DEFAULT_SETTINGS);
    assert.deepEqual(script.problems, []);
    assert.deepEqual(script.settings.rules, { 'await-in-loop': 'error', 'missing-await': 'error', 'blocking-call': 'off' });
    assert.equal(resolver.resolve(path.join(root, 'src/a.ts'), DEFAULT_SETTINGS).settings.rules['blocking-call'], undefined);
    const cycle = resolver.resolve(path.join(root, 'cycle/a.ts'), DEFAULT_SETTINGS);
    assert.match(cycle.problems.map((problem) => problem.message).join('\n'), /a cycle/);
    const js = resolver.resolve(path.join(root, 'js/a.ts'), DEFAULT_SETTINGS);
    assert.match(js.problems[0].message, /never runs code from the workspace, so configs are JSON only/);
    assert.equal(js.problems[0].line, 1);
  });

  test('overrides apply to the files their globs match; ignores (gitignore-style) mark files not to analyse; personal severities go on top', () => {
    const root = tree({
      'loopguard.json': `{
  "rules": { "floating-promise": "error" },
  "ignores": ["generated/", "*.gen.ts"],
  "overrides": [
    { "files": ["bin/**"], "rules": { "blocking-call": "off" } },
    { "files": ["*.test.ts"], "rules": { "floating-promise": "off" }, "safePromises": ["expectLater"] }
  ]
}`,
    });
    const resolver = new ConfigResolver({ vocabulary });
    const at = (file, base = DEFAULT_SETTINGS) => resolver.resolve(path.join(root, file), base);
    assert.equal(at('bin/tool.ts').settings.rules['blocking-call'], 'off');
    assert.equal(at('src/bin.ts').settings.rules['blocking-call'], undefined);
    assert.equal(at('src/deep/a.test.ts').settings.rules['floating-promise'], 'off', 'a glob without a slash matches at any depth');
    assert.deepEqual(at('src/deep/a.test.ts').settings.safePromises, ['expectLater']);
    assert.equal(at('src/a.ts').settings.rules['floating-promise'], 'error');
    assert.equal(at('generated/x.ts').ignored, true);
    assert.equal(at('src/x.gen.ts').ignored, true);
    assert.equal(at('src/x.ts').ignored, false);
    const personal = { ...DEFAULT_SETTINGS, rules: { 'floating-promise': 'hint' } };
    assert.equal(at('src/a.ts', personal).settings.rules['floating-promise'], 'hint');
  });
});

// ------------------------------------------------------------------ the CLI and the server

const SERVICE = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, types: ['node'], noEmit: true }, include: ['src', 'bin'] }),
  'node_modules/fake-sqlite/package.json': JSON.stringify({ name: 'fake-sqlite', version: '1.0.0', types: 'index.d.ts' }),
  'node_modules/fake-sqlite/index.d.ts': 'export declare class Database { prepare(sql: string): { all(): unknown[] }; }\n',
  'src/db.ts': `import { Database } from 'fake-sqlite';
export const db = new Database();
export function querySync(sql: string): unknown[] { return [sql]; }
`,
  'src/handlers.ts': `import * as fs from 'fs';
import { db, querySync } from './db';
async function logEvent(name: string): Promise<void> { if (!name) throw new Error('no name'); }
export async function rows() {
  return db.prepare('select 1').all();
}
export async function legacy() {
  return querySync('select 2');
}
export async function config() {
  return fs.readFileSync('config.json', 'utf8');
}
export async function size() {
  return fs.statSync('config.json').size;
}
export async function track() {
  logEvent('track');
}
`,
  'bin/migrate.ts': `import * as fs from 'fs';
async function main() {
  const sql = fs.readFileSync(process.argv[2], 'utf8');
  await Promise.resolve(sql);
}
void main();
`,
  'loopguard.json': `{
  // what the team agreed on: in the editor and in CI
  "safePromises": ["logEvent"],
  "blocking": {
    "extra": [
      { "module": "fake-sqlite", "name": "Database.prototype.prepare", "alternative": "a worker thread" },
      { "file": "src/db.ts", "name": "querySync", "alternative": "query()" }
    ],
    "allow": [{ "module": "fs", "name": "readFileSync" }]
  },
  "overrides": [{ "files": ["bin/**"], "rules": { "blocking-call": "off" } }]
}
`,
};

function serviceProject(extra = {}) {
  const root = tree({ ...SERVICE, ...extra });
  fs.symlinkSync(path.join(repoRoot, 'node_modules/@types'), path.join(root, 'node_modules/@types'));
  return root;
}

const lint = (root, args = []) => runCli(['.', '--format', 'json', ...args], { cwd: root });

test('the CLI applies loopguard.json: options, blocking extra (package and project function) and allow, overrides; without it the defaults apply', { timeout: 600_000 }, () => {
  const root = serviceProject();
  const withConfig = lint(root);
  assert.equal(withConfig.status, 1, withConfig.stderr);
  const findings = JSON.parse(withConfig.stdout);
  assert.deepEqual(keysOf(findings), ['src/handlers.ts:14 blocking-call', 'src/handlers.ts:5 blocking-call', 'src/handlers.ts:8 blocking-call'].sort());
  assert.match(findings.find((finding) => finding.line === 8).message, /querySync blocks the event loop.*use query\(\)/);
  assert.match(findings.find((finding) => finding.line === 5).message, /fake-sqlite\.Database\.prototype\.prepare blocks/);
  assert.match(withConfig.stderr, /configuration: loopguard\.json/);

  fs.rmSync(path.join(root, 'loopguard.json'));
  const defaults = lint(root);
  assert.deepEqual(
    keysOf(JSON.parse(defaults.stdout)),
    ['bin/migrate.ts:3 blocking-call', 'src/handlers.ts:11 blocking-call', 'src/handlers.ts:14 blocking-call', 'src/handlers.ts:17 floating-promise'].sort(),
  );
});

test('a config with a mistake: exit 2, nothing checked, each problem with file, line and what to write', { timeout: 300_000 }, () => {
  const root = serviceProject({
    'loopguard.json': '{\n  "rules": {\n    "blocking-cal": "error"\n  },\n  "safePromises": "logEvent"\n}\n',
  });
  const result = lint(root);
  assert.equal(result.status, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^loopguard: loopguard\.json:3:5: unknown rule "blocking-cal": did you mean "blocking-call"\?/m);
  assert.match(result.stderr, /^loopguard\.json:5:19: "safePromises" must be an array of call or type names/m);
  assert.match(result.stderr, /The configuration has 2 problems \(above\); nothing was checked/);
});

test('--print-config shows the configuration in force for one file', { timeout: 120_000 }, () => {
  const root = serviceProject();
  const result = runCli(['--print-config', 'bin/migrate.ts', '--rule', 'await-in-loop=off'], { cwd: root });
  assert.equal(result.status, 0, result.stderr);
  const shown = JSON.parse(result.stdout);
  assert.equal(shown.config, 'loopguard.json');
  assert.equal(shown.rules['blocking-call'], 'off');
  assert.equal(shown.rules['await-in-loop'], 'off', '--rule goes on top');
  assert.equal(shown.rules['floating-promise'], 'warning');
  assert.deepEqual(shown.options.safePromises, ['logEvent']);
  assert.deepEqual(shown.blocking.extra[1], { file: 'src/db.ts', name: 'querySync', alternative: 'query()' });
  const other = JSON.parse(runCli(['--print-config', 'src/handlers.ts'], { cwd: root }).stdout);
  assert.equal(other.rules['blocking-call'], 'warning');
  const missing = runCli(['--print-config', 'nope.ts'], { cwd: root });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--print-config nope\.ts: no such file/);
});

async function until(what, check, timeoutMs = 60_000) {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('the server gives the CLI\'s findings on a project with a config, picks up a changed config without a restart, and shows config problems on the file', { timeout: 600_000 }, async () => {
  const root = serviceProject();
  const cliFindings = JSON.parse(lint(root).stdout);
  const client = new LspClient({ workspace: root });
  try {
    await client.initialize();
    const files = ['src/handlers.ts', 'src/db.ts', 'bin/migrate.ts'];
    const editorKeys = [];
    for (const file of files) {
      const fileName = path.join(root, file);
      await client.open(fileName, fs.readFileSync(fileName, 'utf8'));
      for (const diagnostic of await client.diagnostics(fileName)) editorKeys.push(`${file}:${diagnostic.range.start.line + 1} ${diagnostic.code}`);
    }
    assert.deepEqual(editorKeys.sort(), keysOf(cliFindings), 'the editor and the CLI agree');

    const handlers = path.join(root, 'src/handlers.ts');
    const status = await client.connection.sendRequest('loopguard/configFor', { uri: client.uri(handlers) });
    assert.deepEqual(status, { config: pathToFileURL(path.join(root, 'loopguard.json')).toString(), extends: [], problems: 0, ignored: false });

    // The team turns blocking-call into an error: saved on disk, the watcher tells the server.
    const configFile = path.join(root, 'loopguard.json');
    const configChanged = new Promise((resolve) => client.connection.onNotification('loopguard/configChanged', resolve));
    fs.writeFileSync(configFile, SERVICE['loopguard.json'].replace('"safePromises"', '"rules": { "blocking-call": "error" },\n  "safePromises"'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(configFile), type: 2 }] });
    await configChanged;
    const severities = (await client.diagnostics(handlers)).map((diagnostic) => diagnostic.severity);
    assert.ok(severities.length === 3 && severities.every((severity) => severity === 1), `errors now: ${severities}`);

    // A mistake in it: a diagnostic on loopguard.json at the line, and the valid rest still applies.
    fs.writeFileSync(configFile, '{\n  "rules": { "blocking-call": "error", "floating-promis": "off" }\n}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(configFile), type: 2 }] });
    const published = await until('diagnostics on loopguard.json', () => client.published.get(client.uri(configFile))?.length && client.published.get(client.uri(configFile)));
    assert.equal(published.length, 1);
    assert.equal(published[0].range.start.line, 1);
    assert.match(published[0].message, /did you mean "floating-promise"\?/);
    const after = await until('the new findings', async () => {
      const diagnostics = await client.diagnostics(handlers);
      return diagnostics.some((diagnostic) => diagnostic.code === 'floating-promise') && diagnostics;
    });
    assert.ok(after.filter((diagnostic) => diagnostic.code === 'blocking-call').every((diagnostic) => diagnostic.severity === 1));

    // Fixed: the diagnostic on the config goes.
    fs.writeFileSync(configFile, '{ "rules": { "blocking-call": "error" } }\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(configFile), type: 2 }] });
    await until('the config diagnostic cleared', () => client.published.get(client.uri(configFile))?.length === 0);
  } finally {
    await client.stop();
  }
});

test('VS Code settings hold no rule options: they are read from loopguard.json, and a leftover one is named in the output', { timeout: 300_000 }, async () => {
  const root = serviceProject();
  const client = new LspClient({ workspace: root, settings: { safePromises: ['somethingElse'] } });
  try {
    await client.initialize();
    const handlers = path.join(root, 'src/handlers.ts');
    await client.open(handlers, fs.readFileSync(handlers, 'utf8'));
    const codes = (await client.diagnostics(handlers)).map((diagnostic) => diagnostic.code);
    assert.ok(!codes.includes('floating-promise'), 'loopguard.json\'s safePromises applies');
    await until('the note about the VS Code setting', () => client.logs.some((line) => /loopguard\.safePromises is ignored in VS Code's settings: set "safePromises" in loopguard\.json/.test(line)));
  } finally {
    await client.stop();
  }
});

test('the generated schema accepts what the reader accepts and rejects what it rejects', async () => {
  const { default: Ajv } = await import('ajv');
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'loopguard.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const sample = JSON.parse(fs.readFileSync(path.join(repoRoot, 'samples/service/loopguard.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
  const valid = [SERVICE['loopguard.json'].replace(/^\s*\/\/.*$/gm, ''), JSON.stringify(sample), '{ "rules": { "floating-promise": ["error", { "checkThenables": true }] } }', '{ "extends": ["a", "./b.json"], "ignores": ["x/"] }'];
  const invalid = ['{ "run": "onSave" }', '{ "rules": { "nope": "off" } }', '{ "rules": { "blocking-call": "warn" } }', '{ "overrides": [{ "rules": {} }] }', '{ "rules": { "blocking-call": ["error", { "safePromises": [] }] } }', '{ "safePromises": "x" }'];
  for (const text of valid) {
    assert.deepEqual(problemsOf(text), [], text);
    assert.ok(validate(JSON.parse(text)), `${text}: ${JSON.stringify(validate.errors)}`);
  }
  for (const text of invalid) {
    assert.ok(problemsOf(text).length > 0, text);
    assert.equal(validate(JSON.parse(text)), false, text);
  }
});
