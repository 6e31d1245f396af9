// First diagnostics sooner (issue 12, item 3): the editor's first question about a large project
// is answered from a program of the opened file and what it imports; the rest of the project is
// built afterwards in steps, then the diagnostics are refreshed, and the findings are the CLI's.
// Counts, not times: files in the first program, programs built, notifications sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, repoRoot } from './helpers/engine.mjs';
import { LspClient } from './helpers/lspClient.mjs';

const FILLERS = 60;

/** A project of FILLERS + 3 files: lib/json.ts imports nothing of the project; handlers.ts (not imported by it) calls it from async code. */
function makeProject(fillers = FILLERS) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-first-'));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const write = (name, text) => {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  };
  write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'es2022', module: 'commonjs', strict: true, types: ['node'] }, include: ['src'] }));
  write('src/lib/json.ts', "import * as fs from 'node:fs';\n\nexport function readJson(file: string): unknown {\n  return JSON.parse(fs.readFileSync(file, 'utf8'));\n}\n");
  write('src/handlers.ts', "import { readJson } from './lib/json';\n\nexport async function handleRequest(file: string): Promise<unknown> {\n  return readJson(file);\n}\n");
  write('src/globals.d.ts', 'declare const BUILD_ID: string;\n');
  for (let i = 0; i < fillers; i++) write(`src/filler/f${i}.ts`, `export function f${i}(value: number): number {\n  return value + ${i};\n}\n`);
  return root;
}

const summary = (findings) => findings.map((finding) => `${finding.ruleId} ${finding.start}-${finding.end} ${finding.message}`).sort();

test('the first answer parses only the opened file and its imports; after the background load the findings are the CLI\'s', (t) => {
  const root = makeProject();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const file = path.join(root, 'src/lib/json.ts');
  const engine = createEngine({ root });
  engine.host.answerFileFirst = true;
  const first = engine.analyzeFile(file);
  const entry = engine.host.projectFor(file);
  const ownFiles = (program) => program.getSourceFiles().filter((sourceFile) => sourceFile.fileName.startsWith(root)).map((sourceFile) => path.relative(root, sourceFile.fileName)).sort();
  // The opened file and the config's declaration files (their globals), not the 61 others.
  assert.deepEqual(ownFiles(engine.host.program(entry)), ['src/globals.d.ts', 'src/lib/json.ts']);
  assert.equal(engine.host.stats.partialPrograms, 1);
  assert.equal(engine.host.hasProgram(entry), false);
  assert.deepEqual(engine.host.loadingProjects().map((project) => project.key), [entry.key]);
  // Without handlers.ts, nothing on the event loop is known to reach readJson: no finding yet.
  assert.equal(first.findings.filter((finding) => finding.ruleId === 'blocking-call').length, 0);

  // The background load, in steps: every root file parsed once, one more program.
  const parsedBefore = engine.host.stats.filesParsed;
  const programsBefore = engine.host.stats.programsCreated;
  let steps = 0;
  while (!engine.host.loadStep(entry, 0)) steps++;
  assert.ok(steps >= FILLERS, `the load yields between files (${steps} steps)`);
  assert.equal(engine.host.stats.programsCreated, programsBefore + 1);
  assert.equal(engine.host.stats.fullLoads, 1);
  assert.equal(engine.host.hasProgram(entry), true);
  assert.deepEqual(engine.host.loadingProjects(), []);
  assert.equal(ownFiles(engine.host.program(entry)).length, FILLERS + 3);
  // The files parsed ahead are the program's: nothing is parsed twice.
  assert.equal(engine.host.stats.filesParsed - parsedBefore, FILLERS + 1);

  // Findings that read the whole program differ: the caller in handlers.ts is known now.
  const full = engine.analyzeFile(file);
  const reach = full.findings.find((finding) => finding.ruleId === 'blocking-call');
  assert.match(reach.message, /reached from async function 'handleRequest'/);
  assert.notDeepEqual(summary(first.findings), summary(full.findings));
  // ... and equal the CLI's (which builds the whole program at once).
  const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), '--format', 'json', 'src/lib/json.ts'], { cwd: root, encoding: 'utf8' });
  const cliFindings = JSON.parse(cli.stdout);
  const fresh = createEngine({ root }).analyzeFile(file);
  assert.deepEqual(summary(full.findings), summary(fresh.findings));
  assert.deepEqual(full.findings.map((finding) => finding.message).sort(), cliFindings.map((finding) => finding.message).sort());
});

test('a second file asked about while the project loads joins the partial program; a small project is built whole at once', (t) => {
  const root = makeProject();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const engine = createEngine({ root });
  engine.host.answerFileFirst = true;
  engine.analyzeFile(path.join(root, 'src/filler/f1.ts'));
  engine.analyzeFile(path.join(root, 'src/filler/f2.ts'));
  const entry = engine.host.projectFor(path.join(root, 'src/filler/f1.ts'));
  assert.equal(engine.host.program(entry).getSourceFiles().filter((file) => file.fileName.startsWith(root)).length, 3);
  assert.equal(engine.host.hasProgram(entry), false);

  const small = makeProject(10);
  t.after(() => fs.rmSync(small, { recursive: true, force: true }));
  const other = createEngine({ root: small });
  other.host.answerFileFirst = true;
  other.analyzeFile(path.join(small, 'src/lib/json.ts'));
  assert.equal(other.host.stats.partialPrograms, 0);
  assert.equal(other.host.hasProgram(other.host.projectFor(path.join(small, 'src/lib/json.ts'))), true);
});

test('the server answers the opened file first, says "loading" until the project is loaded, then refreshes with the whole program\'s findings', async (t) => {
  const root = makeProject();
  const client = new LspClient({ workspace: root });
  t.after(async () => {
    client.process.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const notes = [];
  client.connection.onNotification('loopguard/projectLoading', (params) => notes.push(params));
  await client.initialize();
  const file = path.join(root, 'src/lib/json.ts');
  await client.open(file, fs.readFileSync(file, 'utf8'));
  // From the partial program: the caller in handlers.ts is not known yet.
  assert.deepEqual(await client.diagnostics(file), []);
  const started = Date.now();
  while (!notes.some((note) => note.loading === false) || client.refreshRequests === 0) {
    if (Date.now() - started > 60_000) throw new Error(`the project did not finish loading: ${JSON.stringify(notes)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.deepEqual(notes, [
    { project: path.basename(root), config: path.join(root, 'tsconfig.json'), loading: true },
    { project: path.basename(root), config: path.join(root, 'tsconfig.json'), loading: false },
  ]);
  const after = await client.diagnostics(file);
  assert.equal(after.length, 1);
  assert.match(after[0].message, /reached from async function 'handleRequest'/);
  const { host } = await client.connection.sendRequest('loopguard/heapUsed');
  assert.equal(host.partialPrograms, 1);
  assert.equal(host.fullLoads, 1);
});

test('nothing type-checks whole files: the compiler\'s own diagnostics are asked for by compilerDiagnostics (the fix tests) only', () => {
  const sources = spawnSync('grep', ['-rln', '-E', 'getSemanticDiagnostics|getPreEmitDiagnostics|getGlobalDiagnostics', path.join(repoRoot, 'server/src')], { encoding: 'utf8' });
  assert.deepEqual(sources.stdout.trim().split('\n').filter(Boolean).map((file) => path.relative(repoRoot, file)), ['server/src/engine/engine.ts']);
  const engineText = fs.readFileSync(path.join(repoRoot, 'server/src/engine/engine.ts'), 'utf8');
  assert.equal(engineText.match(/getSemanticDiagnostics/g).length, 1);
  assert.match(engineText, /compilerDiagnostics\(fileName: string\)[^]*getSemanticDiagnostics/);
});
