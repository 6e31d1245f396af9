// Exact outputs of the blocking-call rewrite, on small in-memory files placed next to the rule's
// fixtures (so they share test/fixtures/tsconfig.json and @types/node). Every applied rewrite must
// also parse, add no type error and remove its finding; where the rewrite would change meaning,
// no rewrite is offered at all (only the ignore-comment fix remains).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createEngine, findingsOf, fixturesRoot, tryFix } from '../helpers/engine.mjs';

const RULE = 'blocking-call';
const engine = createEngine();
let counter = 0;

function analyze(input, extension) {
  const fileName = path.join(fixturesRoot, 'rules', RULE, `virtual-output-${++counter}.${extension}`);
  engine.host.setOverlay(fileName, input);
  return { fileName, findings: findingsOf(engine.analyzeFile(fileName), RULE) };
}

function rewrites(finding) {
  return finding.fixes.filter((fix) => !fix.title.startsWith('Ignore '));
}

/** The one finding in `input` gets exactly one rewrite, and applying it yields `expected`. */
function check(input, expected, { extension = 'ts', title } = {}) {
  const { fileName, findings } = analyze(input, extension);
  assert.equal(findings.length, 1, `expected one ${RULE} finding, got: ${findings.map((finding) => finding.message).join(' | ')}`);
  const [fix, ...others] = rewrites(findings[0]);
  assert.ok(fix, `no rewrite offered for "${findings[0].message}"`);
  assert.equal(others.length, 0);
  if (title) assert.equal(fix.title, title);
  assert.equal(fix.kind, 'suggestion', 'adding await changes timing: never a safe fix-all');
  const result = tryFix(engine, fileName, findings[0], fix);
  assert.deepEqual(result.syntaxErrors, [], result.text);
  assert.deepEqual(result.newTypeErrors, [], result.text);
  assert.ok(result.findingGone, `the finding should be gone:\n${result.text}`);
  assert.equal(result.text, expected);
}

/** `input` has exactly `count` findings and none of them offers a rewrite. */
function checkNoRewrite(input, { extension = 'ts', count = 1 } = {}) {
  const { findings } = analyze(input, extension);
  assert.equal(findings.length, count, findings.map((finding) => finding.message).join(' | '));
  for (const finding of findings) {
    assert.deepEqual(rewrites(finding).map((fix) => fix.title), [], `no rewrite expected for "${finding.message}"`);
    assert.ok(finding.fixes.some((fix) => fix.title.startsWith('Ignore ')), 'the ignore-comment fix is still offered');
  }
}

test('namespace import: fs.readFileSync becomes await fs.promises.readFile', () => {
  check(
    `import * as fs from 'fs';
export async function loadUser(id: string): Promise<string> {
  return fs.readFileSync(\`/users/\${id}.json\`, 'utf8');
}
`,
    `import * as fs from 'fs';
export async function loadUser(id: string): Promise<string> {
  return await fs.promises.readFile(\`/users/\${id}.json\`, 'utf8');
}
`,
    { title: 'Use fs/promises readFile with await' },
  );
});

test('default import with node: prefix keeps the receiver', () => {
  check(
    `import fs from 'node:fs';
export async function save(file: string, body: string): Promise<void> {
  fs.writeFileSync(file, body);
}
`,
    `import fs from 'node:fs';
export async function save(file: string, body: string): Promise<void> {
  await fs.promises.writeFile(file, body);
}
`,
  );
});

test('named import: adds a named import of fs/promises in the file\'s node: style', () => {
  check(
    `import { readFileSync } from 'node:fs';
export async function load(file: string): Promise<string> {
  const text = readFileSync(file, 'utf8');
  return text;
}
`,
    `import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function load(file: string): Promise<string> {
  const text = await readFile(file, 'utf8');
  return text;
}
`,
  );
});

test('named import without the prefix adds an unprefixed import', () => {
  check(
    `import { statSync } from 'fs';
export async function size(file: string): Promise<number> {
  return statSync(file).size;
}
`,
    `import { statSync } from 'fs';
import { stat } from 'fs/promises';
export async function size(file: string): Promise<number> {
  return (await stat(file)).size;
}
`,
  );
});

test('named import: reuses an existing import of fs/promises', () => {
  check(
    `import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
export async function copy(from: string, to: string): Promise<void> {
  await writeFile(to, readFileSync(from));
  await readFile(to);
}
`,
    `import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
export async function copy(from: string, to: string): Promise<void> {
  await writeFile(to, await readFile(from));
  await readFile(to);
}
`,
  );
});

test('renamed import: reuses a renamed fs/promises binding', () => {
  check(
    `import { readdirSync as list } from 'node:fs';
import { readdir as listAsync } from 'node:fs/promises';
export async function entries(dir: string): Promise<string[]> {
  await listAsync(dir);
  return list(dir);
}
`,
    `import { readdirSync as list } from 'node:fs';
import { readdir as listAsync } from 'node:fs/promises';
export async function entries(dir: string): Promise<string[]> {
  await listAsync(dir);
  return await listAsync(dir);
}
`,
  );
});

test('a local that shadows the name gets an aliased import instead', () => {
  check(
    `import { readFileSync } from 'node:fs';
export async function load(readFile: string): Promise<Buffer> {
  return readFileSync(readFile);
}
`,
    `import { readFileSync } from 'node:fs';
import { readFile as readFileAsync } from 'node:fs/promises';
export async function load(readFile: string): Promise<Buffer> {
  return await readFileAsync(readFile);
}
`,
  );
});

test('CommonJS: destructured require of fs/promises, after the other requires', () => {
  check(
    `'use strict';
const { readFileSync } = require('fs');
const path = require('path');

async function load(file) {
  return readFileSync(path.resolve(file), 'utf8');
}
module.exports = { load };
`,
    `'use strict';
const { readFileSync } = require('fs');
const path = require('path');
const { readFile } = require('fs/promises');

async function load(file) {
  return await readFile(path.resolve(file), 'utf8');
}
module.exports = { load };
`,
    { extension: 'js' },
  );
});

test('CommonJS: whole-module require uses fs.promises', () => {
  check(
    `const fs = require('node:fs');
module.exports.load = async (file) => fs.readFileSync(file);
`,
    `const fs = require('node:fs');
module.exports.load = async (file) => await fs.promises.readFile(file);
`,
    { extension: 'js' },
  );
});

test('a chained .toString() gets parentheses around the await', () => {
  check(
    `import * as fs from 'node:fs';
export async function text(file: string): Promise<string> {
  return fs.readFileSync(file).toString('utf8');
}
`,
    `import * as fs from 'node:fs';
export async function text(file: string): Promise<string> {
  return (await fs.promises.readFile(file)).toString('utf8');
}
`,
  );
});

test('a non-null assertion after the call gets parentheses too', () => {
  check(
    `import * as fs from 'node:fs';
export async function length(file: string): Promise<number> {
  return fs.readFileSync(file)!.length;
}
`,
    `import * as fs from 'node:fs';
export async function length(file: string): Promise<number> {
  return (await fs.promises.readFile(file))!.length;
}
`,
  );
});

test('crypto.pbkdf2Sync becomes await promisify(crypto.pbkdf2)(...)', () => {
  check(
    `import * as crypto from 'node:crypto';
export async function derive(password: string, salt: Buffer): Promise<string> {
  const key = crypto.pbkdf2Sync(password, salt, 100000, 64, 'sha512');
  return key.toString('hex');
}
`,
    `import * as crypto from 'node:crypto';
import { promisify } from 'node:util';
export async function derive(password: string, salt: Buffer): Promise<string> {
  const key = await promisify(crypto.pbkdf2)(password, salt, 100000, 64, 'sha512');
  return key.toString('hex');
}
`,
    { title: 'Use promisified pbkdf2 with await' },
  );
});

test('zlib named import: imports the callback twin and promisify together', () => {
  check(
    `import { gzipSync } from 'zlib';
import { promisify } from 'util';
export async function pack(body: Buffer): Promise<Buffer> {
  return gzipSync(body);
}
`,
    `import { gzipSync } from 'zlib';
import { promisify } from 'util';
import { gzip } from 'zlib';
export async function pack(body: Buffer): Promise<Buffer> {
  return await promisify(gzip)(body);
}
`,
  );
});

test('execSync with an encoding becomes (await promisify(exec)(...)).stdout', () => {
  check(
    `import { execSync } from 'node:child_process';
export async function head(): Promise<string> {
  const sha = execSync('git rev-parse HEAD', { encoding: 'utf8' });
  return sha.trim();
}
`,
    `import { execSync } from 'node:child_process';
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
export async function head(): Promise<string> {
  const sha = (await promisify(exec)('git rev-parse HEAD', { encoding: 'utf8' })).stdout;
  return sha.trim();
}
`,
    { title: 'Use promisified exec with await' },
  );
});

test('execSync as a statement needs no .stdout', () => {
  check(
    `import * as cp from 'child_process';
export async function fetchAll(): Promise<void> {
  cp.execSync('git fetch --all');
}
`,
    `import * as cp from 'child_process';
import { promisify } from 'util';
export async function fetchAll(): Promise<void> {
  await promisify(cp.exec)('git fetch --all');
}
`,
  );
});

test('no rewrite: existsSync has no exact async twin', () => {
  checkNoRewrite(`import { existsSync } from 'node:fs';
export async function has(file: string): Promise<boolean> {
  return existsSync(file);
}
`);
});

test('no rewrite: the enclosing function is not async (a .then callback, a sync map callback)', () => {
  checkNoRewrite(
    `import * as fs from 'node:fs';
export function later(file: string): Promise<Buffer> {
  return Promise.resolve(file).then((name) => fs.readFileSync(name));
}
export async function all(files: string[]): Promise<Buffer[]> {
  return files.map((file) => fs.readFileSync(file));
}
`,
    { count: 2 },
  );
});

test('no rewrite: execSync without an encoding returns a Buffer, exec resolves a string', () => {
  checkNoRewrite(`import { execSync } from 'node:child_process';
export async function raw(): Promise<Buffer> {
  return execSync('cat /dev/null');
}
`);
});

test('no rewrite: execSync with stdio or input options exec does not support', () => {
  checkNoRewrite(
    `import { execSync } from 'node:child_process';
export async function install(): Promise<void> {
  execSync('npm ci', { stdio: 'inherit' });
  execSync('sort', { input: 'b\\na' });
}
`,
    { count: 2 },
  );
});

test('no rewrite: a file descriptor argument (fs.promises takes FileHandles)', () => {
  checkNoRewrite(`import * as fs from 'node:fs';
export async function fromFd(fd: number): Promise<string> {
  return fs.readFileSync(fd, 'utf8');
}
`);
});

test('no rewrite: await is not allowed in a parameter default or a class field', () => {
  checkNoRewrite(
    `import * as fs from 'node:fs';
export async function withDefault(text = fs.readFileSync('/etc/hostname', 'utf8')): Promise<string> {
  class Holder {
    value = fs.readFileSync('/etc/hosts', 'utf8');
  }
  return text + new Holder().value;
}
`,
    { count: 2 },
  );
});

test('no rewrite: promisify(scrypt) is typed from its last overload and would not fit', () => {
  checkNoRewrite(`import { scryptSync } from 'node:crypto';
export async function derive(password: string): Promise<Buffer> {
  return scryptSync(password, 'salt', 64);
}
`);
});

// Issue 9: memoised work keeps its rewrite (reported as info); a blocking root in a helper carries
// the make-helper-async fix at the root, rewriting the helper and awaiting every caller.
test('memoised with ??=: the rewrite awaits inside the assignment', () => {
  check(
    `import * as fs from 'node:fs';
let text: string | undefined;
export async function manifest(): Promise<string> {
  text ??= fs.readFileSync('/srv/manifest.json', 'utf8');
  return text;
}
`,
    `import * as fs from 'node:fs';
let text: string | undefined;
export async function manifest(): Promise<string> {
  text ??= await fs.promises.readFile('/srv/manifest.json', 'utf8');
  return text;
}
`,
  );
});

test('one root, one finding: make the helper async at the root, every caller awaited', () => {
  check(
    `import * as fs from 'node:fs';
function readJob(name: string): string {
  return fs.readFileSync(\`/jobs/\${name}\`, 'utf8');
}
export async function jobA(): Promise<number> {
  return readJob('a').length;
}
export async function jobB(): Promise<string> {
  return readJob('b') + readJob('c');
}
`,
    `import * as fs from 'node:fs';
async function readJob(name: string): Promise<string> {
  return await fs.promises.readFile(\`/jobs/\${name}\`, 'utf8');
}
export async function jobA(): Promise<number> {
  return (await readJob('a')).length;
}
export async function jobB(): Promise<string> {
  return await readJob('b') + await readJob('c');
}
`,
    { title: "Make 'readJob' async (fs/promises readFile) and await its 3 calls" },
  );
});

test('a root in a helper passed by reference gets no make-async fix (the reference cannot be awaited)', () => {
  checkNoRewrite(`import * as fs from 'node:fs';
function touch(file: string): void {
  fs.writeFileSync(file, '');
}
export async function touchAll(paths: string[]): Promise<void> {
  paths.forEach(touch);
}
`);
});
