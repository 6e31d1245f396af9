// API resolution by symbol, case by case: which Node API (if any) a call resolves to, seen through
// the blocking-call findings of the bundled engine (ApiResolver itself is not exported from
// dist/engine.js). Each input marks one call with /*@*/ right before its callee, inside an async
// function so that a blocking API is reported; `expected` is the API the message names, or null
// when the call is not Node's blocking API at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createEngine, findingsOf, fixturesRoot } from './helpers/engine.mjs';

const engine = createEngine();
const MARK = '/*@*/';
let counter = 0;

/** The API named by the blocking-call finding at the marked callee, or null. */
function resolvedAt(input, extension) {
  const fileName = path.join(fixturesRoot, 'rules', 'blocking-call', `virtual-api-${++counter}.${extension}`);
  const start = input.indexOf(MARK);
  assert.ok(start >= 0 && input.indexOf(MARK, start + 1) < 0, 'mark exactly one callee with /*@*/');
  engine.host.setOverlay(fileName, input);
  const findings = findingsOf(engine.analyzeFile(fileName), 'blocking-call');
  const finding = findings.find((candidate) => candidate.start === start + MARK.length);
  return finding ? finding.message.split(' ')[0] : null;
}

function check(input, expected, extension = 'ts') {
  assert.equal(resolvedAt(input, extension), expected, input);
}

const cases = [
  // ES module import styles
  ['namespace import', `import * as fs from 'fs';\nexport async function f(p: string) { /*@*/fs.readFileSync(p); }`, 'fs.readFileSync'],
  ['default import', `import fs from 'fs';\nexport async function f(p: string) { /*@*/fs.statSync(p); }`, 'fs.statSync'],
  ['node: prefix', `import fs from 'node:fs';\nexport async function f(p: string) { /*@*/fs.existsSync(p); }`, 'fs.existsSync'],
  ['named import', `import { readFileSync } from 'fs';\nexport async function f(p: string) { /*@*/readFileSync(p); }`, 'fs.readFileSync'],
  ['renamed import with node: prefix', `import { writeFileSync as put } from 'node:fs';\nexport async function f(p: string) { /*@*/put(p, ''); }`, 'fs.writeFileSync'],
  ['import = require', `import fs = require('fs');\nexport async function f(p: string) { /*@*/fs.mkdirSync(p); }`, 'fs.mkdirSync'],
  ['destructured from a namespace', `import * as fs from 'fs';\nconst { readdirSync } = fs;\nexport async function f(p: string) { /*@*/readdirSync(p); }`, 'fs.readdirSync'],
  ['a const alias of the function', `import * as fs from 'fs';\nconst read = fs.readFileSync;\nexport async function f(p: string) { /*@*/read(p); }`, 'fs.readFileSync'],
  ['namespace member of a function', `import * as fs from 'fs';\nexport async function f(p: string) { /*@*/fs.realpathSync.native(p); }`, 'fs.realpathSync.native'],
  ['parenthesised callee', `import * as fs from 'fs';\nexport async function f(p: string) { (/*@*/fs.unlinkSync)(p); }`, 'fs.unlinkSync'],
  // other modules
  ['crypto namespace', `import * as crypto from 'crypto';\nexport async function f() { /*@*/crypto.pbkdf2Sync('a', 'b', 1, 8, 'sha256'); }`, 'crypto.pbkdf2Sync'],
  ['renamed child_process import', `import { execSync as run } from 'node:child_process';\nexport async function f() { /*@*/run('ls'); }`, 'child_process.execSync'],
  ['zlib default import', `import zlib from 'zlib';\nexport async function f() { /*@*/zlib.brotliCompressSync('x'); }`, 'zlib.brotliCompressSync'],
  ['Atomics global', `export async function f(cell: Int32Array) { /*@*/Atomics.wait(cell, 0, 0); }`, 'Atomics.wait'],
  ['randomBytes without a callback', `import { randomBytes } from 'crypto';\nexport async function f(size: number) { /*@*/randomBytes(size); }`, 'crypto.randomBytes'],
  ['randomBytes with a callback', `import { randomBytes } from 'crypto';\nexport async function f() { /*@*/randomBytes(8, () => {}); }`, null],
  // not Node's blocking API
  ['fs.promises member', `import * as fs from 'fs';\nexport async function f(p: string) { await /*@*/fs.promises.readFile(p); }`, null],
  ['fs/promises named import', `import { readFile } from 'node:fs/promises';\nexport async function f(p: string) { await /*@*/readFile(p); }`, null],
  ['callback-form fs', `import * as fs from 'fs';\nexport async function f(p: string) { /*@*/fs.readFile(p, () => {}); }`, null],
  ['the user\'s own function', `function readFileSync(p: string) { return p; }\nexport async function f(p: string) { /*@*/readFileSync(p); }`, null],
  ['an object method of that name', `const cache = { readFileSync: (p: string) => p };\nexport async function f(p: string) { /*@*/cache.readFileSync(p); }`, null],
  ['a class method of that name', `class Disk { execSync(cmd: string) { return cmd; } }\nexport async function f(d: Disk) { /*@*/d.execSync('ls'); }`, null],
  ['a parameter shadowing the module', `import * as fs from 'fs';\nexport const keep = fs;\nexport async function f(fs: { statSync(p: string): number }) { /*@*/fs.statSync('x'); }`, null],
  ['a declared function of that name', `declare function existsSync(p: string): boolean;\nexport async function f(p: string) { /*@*/existsSync(p); }`, null],
];

const jsCases = [
  ['whole-module require', `const fs = require('fs');\nasync function f(p) { /*@*/fs.readFileSync(p); }\nmodule.exports = { f };`, 'fs.readFileSync'],
  ['require with node: prefix', `const fs = require('node:fs');\nasync function f(p) { /*@*/fs.lstatSync(p); }\nmodule.exports = { f };`, 'fs.lstatSync'],
  ['destructured require', `const { readFileSync } = require('node:fs');\nasync function f(p) { /*@*/readFileSync(p); }\nmodule.exports = { f };`, 'fs.readFileSync'],
  ['renamed destructured require', `const { execFileSync: run } = require('child_process');\nasync function f() { /*@*/run('ls'); }\nmodule.exports = { f };`, 'child_process.execFileSync'],
  ['member of require(...)', `async function f() { /*@*/require('zlib').gunzipSync('x'); }\nmodule.exports = { f };`, 'zlib.gunzipSync'],
  ['require(...).promises', `const fsp = require('fs').promises;\nasync function f(p) { await /*@*/fsp.readFile(p); }\nmodule.exports = { f };`, null],
  ['the user\'s own function in JS', `function statSync(p) { return p; }\nasync function f(p) { /*@*/statSync(p); }\nmodule.exports = { f };`, null],
  ['ES import in JS', `import { scryptSync } from 'node:crypto';\nexport async function f() { /*@*/scryptSync('a', 'b', 8); }`, 'crypto.scryptSync'],
];

for (const [name, input, expected] of cases) test(`ts: ${name}`, () => check(input, expected, 'ts'));
for (const [name, input, expected] of jsCases) test(`js: ${name}`, () => check(input, expected, 'js'));
