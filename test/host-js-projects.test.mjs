// Which program a file is analysed in, as the editor would put it there: JavaScript files that the
// nearest config cannot hold (no allowJs) go to an inferred project instead of crashing the
// checker, and inferred or config projects see the @types packages tsc would (Node's types).
// Runs `node dist/cli.js` in temp folders that link the repo's @types/node.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../..');
const cli = process.env.LOOPGUARD_CLI ?? path.join(repoRoot, 'dist/cli.js');
const { Engine, RULES } = createRequire(import.meta.url)(path.join(repoRoot, 'dist/engine.js'));
const tempRoots = [];
after(() => {
  for (const root of tempRoots) fs.rmSync(root, { recursive: true, force: true });
});

/** A temp project from { relativePath: text }; `types: true` links node_modules/@types/node. */
function project(files, { types = true } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-host-'));
  tempRoots.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  if (types) {
    fs.mkdirSync(path.join(root, 'node_modules/@types'), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, 'node_modules/@types/node'), path.join(root, 'node_modules/@types/node'), 'dir');
  }
  return root;
}

function lint(cwd, args = ['.']) {
  const result = spawnSync(process.execPath, [cli, ...args, '--format', 'json'], { cwd, encoding: 'utf8', timeout: 300_000 });
  assert.equal(result.error, undefined);
  let findings;
  assert.doesNotThrow(() => (findings = JSON.parse(result.stdout)), `not JSON:\n${result.stdout}\n${result.stderr}`);
  return { ...result, findings, keys: findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort() };
}

const NODE16 = JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', noEmit: true } });

test('a JS file under a tsconfig without allowJs is analysed with types, without a rule crashing (issue 9 repro)', () => {
  const root = project({
    'tsconfig.json': NODE16,
    'b.ts': 'export const x = 1\n',
    // The control on line 2 needs the checker: it is reported only if a.js is in a working program.
    'a.js': 'function f(l){this.l=l; foo(function(){return this.x})}\nasync function g() {} g();\n',
  });
  const result = lint(root);
  assert.doesNotMatch(result.stderr, /failed on/, result.stderr);
  assert.deepEqual(result.keys, ['a.js:2 floating-promise']);
});

test('tsc-emitted CommonJS (__createBinding helpers) beside a tsconfig that includes only src is analysed without crashing', () => {
  const emitted = `"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.g = g;
exports.h = h;
__exportStar(require("./b"), exports);
async function g() { return 1; }
function h() { g(); }
`;
  const root = project({
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', outDir: 'lib' }, include: ['src'] }),
    'src/a.ts': 'export const a = 1;\n',
    'lib/a.js': emitted,
    'lib/b.js': '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.x = 1;\n',
  });
  const result = lint(root, ['lib/a.js', 'lib/b.js']);
  assert.doesNotMatch(result.stderr, /failed on/, result.stderr);
  assert.deepEqual(result.keys, ['lib/a.js:21 floating-promise']);
});

const FLOATING_READ = "async function main() {\n  readFile('x');\n}\nmodule.exports = { main };\n";

test('a JS project without any tsconfig gets @types/node from node_modules/@types: a floating fs/promises readFile is reported', () => {
  const root = project({
    'a.js': `const { readFile } = require('fs/promises');\n${FLOATING_READ}`,
    'sub/b.mjs': "import { readFile } from 'fs/promises';\nexport async function main() {\n  readFile('x');\n}\n",
  });
  assert.deepEqual(lint(root).keys, ['a.js:3 floating-promise', 'sub/b.mjs:3 floating-promise']);
});

test('without @types/node installed the same call has no type, so nothing is reported (the types come from node_modules)', () => {
  const root = project({ 'a.js': `const { readFile } = require('fs/promises');\n${FLOATING_READ}` }, { types: false });
  assert.deepEqual(lint(root).keys, []);
});

test('a tsconfig without "types" includes every @types package as tsc before 6.0 did; an explicit "types": [] is respected', () => {
  const source = "import { readFile } from 'fs/promises';\nexport async function main() {\n  readFile('x');\n}\n";
  const automatic = project({ 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true } }), 'a.ts': source });
  assert.deepEqual(lint(automatic).keys, ['a.ts:3 floating-promise']);
  const none = project({ 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true, types: [] } }), 'a.ts': source });
  assert.deepEqual(lint(none).keys, []);
});

// Build output: by default the CLI skips folders of build output below the folders it is given
// (tsc/bundler output: every .js beside its .d.ts or .js.map; or a tsconfig's outDir), with a note
// naming them and the flag that includes them. A folder given on the command line is checked.
const FLOATING_JS = 'async function g() {}\ng();\n';

test('folders whose .js files sit beside .d.ts/.js.map files, or that a tsconfig names as outDir, are skipped with a note; --include-build-output checks them', () => {
  const root = project({
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', outDir: 'build', allowJs: true }, include: ['src'] }),
    'src/main.js': FLOATING_JS,
    'dist/main.js': FLOATING_JS,
    'dist/main.d.ts': 'export {};\n',
    'esm/main.mjs': FLOATING_JS,
    'esm/main.mjs.map': '{}',
    'build/main.js': FLOATING_JS,
  });
  const skipped = lint(root);
  assert.deepEqual(skipped.keys, ['src/main.js:2 floating-promise']);
  assert.match(skipped.stderr, /note: skipped 3 folders of build output \(.*\): build, dist, esm; pass --include-build-output to check them\./);
  const included = lint(root, ['.', '--include-build-output']);
  assert.deepEqual(included.keys, ['build/main.js:2 floating-promise', 'dist/main.js:2 floating-promise', 'esm/main.mjs:2 floating-promise', 'src/main.js:2 floating-promise']);
  assert.doesNotMatch(included.stderr, /build output/);
  // A folder named on the command line is checked, build output or not.
  assert.deepEqual(lint(root, ['dist']).keys, ['dist/main.js:2 floating-promise']);
});

test('source folders are not build output: a .js without a sibling, or a package whose hand-written .d.ts sits beside its .js', () => {
  const root = project({
    'lib/a.js': FLOATING_JS,
    'lib/a.d.ts': 'export {};\n',
    'lib/b.js': FLOATING_JS,
    'pkg/package.json': '{"name": "pkg"}',
    'pkg/index.js': FLOATING_JS,
    'pkg/index.d.ts': 'export {};\n',
  });
  const result = lint(root);
  assert.deepEqual(result.keys, ['lib/a.js:2 floating-promise', 'lib/b.js:2 floating-promise', 'pkg/index.js:2 floating-promise']);
  assert.doesNotMatch(result.stderr, /build output/);
});

test('an unbuilt project reference resolves to its sources, as in the editor: its types are not lost', () => {
  const root = project({
    'core/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true, module: 'nodenext', outDir: 'dist', rootDir: 'src', types: [] }, include: ['src'] }),
    'core/src/index.ts': "export async function load(): Promise<string> { return 'x'; }\n",
    'app/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', outDir: 'dist', rootDir: 'src', types: [] }, include: ['src'], references: [{ path: '../core' }] }),
    // core/dist does not exist: the import names the reference's output.
    'app/src/main.ts': "import { load } from '../../core/dist/index.js';\nexport function start() {\n  load();\n}\n",
  });
  const result = lint(root, ['app']);
  assert.doesNotMatch(result.stderr, /failed on|could not be read/, result.stderr);
  assert.deepEqual(result.keys, ['app/src/main.ts:3 floating-promise']);
});

test('programs of a project with references do not chain each other through the host (no leak across edits)', () => {
  const root = project({
    'core/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true, module: 'nodenext', outDir: 'dist', rootDir: 'src', types: [] }, include: ['src'] }),
    'core/src/index.ts': "export async function load(): Promise<string> { return 'x'; }\n",
    'app/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', rootDir: 'src', types: [] }, include: ['src'], references: [{ path: '../core' }] }),
    'app/src/main.ts': "import { load } from '../../core/dist/index.js';\nexport function start() {\n  load();\n}\n",
  });
  const engine = new Engine({ rules: RULES, root });
  const file = path.join(root, 'app/src/main.ts');
  const entry = engine.host.projectFor(file);
  const { realpath } = entry.compilerHost;
  for (let edit = 0; edit < 5; edit++) {
    engine.host.setOverlay(file, `${fs.readFileSync(file, 'utf8')}// edit ${edit}\n`);
    assert.deepEqual(engine.analyzeFile(file).findings.map((finding) => finding.ruleId), ['floating-promise']);
  }
  assert.equal(entry.compilerHost.realpath, realpath, "TypeScript's per-program wrapper of realpath is taken off again");
});
