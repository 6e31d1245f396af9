// Event-loop context, case by case: where a blocking call counts as event-loop code and how the
// message names the place, seen through the blocking-call findings of the bundled engine
// (EventLoopAnalysis itself is not exported from dist/engine.js). Each input marks one
// `fs.statSync` callee with /*@*/; `expected` is the place the message names ("... inside
// <place>; use ..."), or null when the code runs only at start-up and nothing is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createEngine, describeFinding, findingsOf, fixturesRoot, parseExpectations, readText } from './helpers/engine.mjs';

const engine = createEngine();
const MARK = '/*@*/';
const PRELUDE = `import * as fs from 'node:fs';
import * as http from 'node:http';
import { EventEmitter } from 'node:events';
declare const emitter: EventEmitter;
declare const target: EventTarget;
declare const app: { get(path: string, h: () => void): void; use(h: () => void): void; all(path: string, h: () => void): void };
declare function retry<T>(work: () => T): T;
declare const files: string[];
`;
let counter = 0;

function placeOf(body) {
  const fileName = path.join(fixturesRoot, 'rules', 'blocking-call', `virtual-loop-${++counter}.ts`);
  const input = `${PRELUDE}${body}\nexport {};\n`;
  const start = input.indexOf(MARK);
  assert.ok(start >= 0 && input.indexOf(MARK, start + 1) < 0, 'mark exactly one callee with /*@*/');
  engine.host.setOverlay(fileName, input);
  const findings = findingsOf(engine.analyzeFile(fileName), 'blocking-call');
  const finding = findings.find((candidate) => candidate.start === start + MARK.length);
  if (!finding) return null;
  const match = / inside (.+); use /.exec(finding.message);
  assert.ok(match, finding.message);
  return match[1];
}

function check(input, expected) {
  assert.equal(placeOf(input), expected, input);
}

const cases = [
  // async bodies
  ['async function declaration', `async function loadUser(id) { /*@*/fs.statSync('.'); }`, "async function 'loadUser'"],
  ['async arrow in a const', `const load = async (file) => /*@*/fs.statSync('.');`, "async function 'load'"],
  ['async function expression', `const run = async function named() { /*@*/fs.statSync('.'); };`, "async function 'named'"],
  ['async class method', `class Repo { async find() { /*@*/fs.statSync('.'); } }`, "async function 'find'"],
  ['async object method', `const api = { async list() { /*@*/fs.statSync('.'); } };`, "async function 'list'"],
  ['async generator', `async function* walk() { yield /*@*/fs.statSync('.'); }`, "async function 'walk'"],
  ['anonymous async callback', `retry(async () => /*@*/fs.statSync('.'));`, 'an async function'],
  // promise reactions
  ['.then callback', `Promise.resolve().then(() => /*@*/fs.statSync('.'));`, 'a .then callback'],
  ['.then rejection callback', `Promise.resolve().then(undefined, () => /*@*/fs.statSync('.'));`, 'a .then callback'],
  ['.catch callback', `Promise.resolve().catch(() => /*@*/fs.statSync('.'));`, 'a .catch callback'],
  ['.finally callback', `Promise.resolve().finally(() => /*@*/fs.statSync('.'));`, 'a .finally callback'],
  // timers and microtasks
  ['setTimeout', `setTimeout(() => /*@*/fs.statSync('.'), 10);`, 'a setTimeout callback'],
  ['setInterval with a function expression', `setInterval(function tick() { /*@*/fs.statSync('.'); }, 10);`, 'a setInterval callback'],
  ['setImmediate', `setImmediate(() => /*@*/fs.statSync('.'));`, 'a setImmediate callback'],
  ['queueMicrotask', `queueMicrotask(() => /*@*/fs.statSync('.'));`, 'a queueMicrotask callback'],
  ['process.nextTick', `process.nextTick(() => /*@*/fs.statSync('.'));`, 'a process.nextTick callback'],
  // event registration
  ['on', `emitter.on('data', () => /*@*/fs.statSync('.'));`, "a 'data' event listener"],
  ['once', `emitter.once('end', () => /*@*/fs.statSync('.'));`, "a 'end' event listener"],
  ['addListener', `emitter.addListener('x', () => /*@*/fs.statSync('.'));`, "a 'x' event listener"],
  ['prependListener', `emitter.prependListener('x', () => /*@*/fs.statSync('.'));`, "a 'x' event listener"],
  ['addEventListener', `target.addEventListener('click', () => /*@*/fs.statSync('.'));`, "a 'click' event listener"],
  ['global addEventListener', `addEventListener('message', () => /*@*/fs.statSync('.'));`, "a 'message' event listener"],
  ['computed event name', `const event = 'data' as string;\nemitter.on(event, () => /*@*/fs.statSync('.'));`, 'an event listener'],
  // request handlers
  ['http.createServer', `http.createServer((req, res) => { res.end(/*@*/fs.statSync('.').size); });`, 'a request handler'],
  ['GET route', `app.get('/users', () => /*@*/fs.statSync('.'));`, 'a GET route handler'],
  ['ALL route', `app.all('/any', () => /*@*/fs.statSync('.'));`, 'an ALL route handler'],
  ['middleware', `app.use(() => /*@*/fs.statSync('.'));`, 'a middleware function'],
  // synchronous callbacks run where their call runs
  ['map inside an async function', `async function readAll() { return files.map(() => /*@*/fs.statSync('.')); }`, "async function 'readAll'"],
  ['promise executor inside an async function', `async function wait() { await new Promise<void>((resolve) => { /*@*/fs.statSync('.'); resolve(); }); }`, "async function 'wait'"],
  ['a user callback inside an async function', `async function job() { retry(() => /*@*/fs.statSync('.')); }`, "async function 'job'"],
  ['sync callback nested in a listener', `emitter.on('batch', () => files.forEach(() => /*@*/fs.statSync('.')));`, "a 'batch' event listener"],
  ['map inside a .then callback', `Promise.resolve(files).then((list) => list.map(() => /*@*/fs.statSync('.')));`, 'a .then callback'],
  // start-up code
  ['module top level', `/*@*/fs.statSync('.');`, null],
  ['plain sync function', `export function readConfig() { return /*@*/fs.statSync('.'); }`, null],
  ['sync arrow in a const', `export const readConfig = () => /*@*/fs.statSync('.');`, null],
  ['sync callback at top level', `export const sizes = files.map(() => /*@*/fs.statSync('.').size);`, null],
  ['promise executor at top level', `export const ready = new Promise((resolve) => resolve(/*@*/fs.statSync('.')));`, null],
  ['class constructor', `export class Config { size: number; constructor() { this.size = /*@*/fs.statSync('.').size; } }`, null],
  ['class static block', `export class Config { static size: number; static { Config.size = /*@*/fs.statSync('.').size; } }`, null],
  ['getter', `export class Config { get size() { return /*@*/fs.statSync('.').size; } }`, null],
  ['a callback given to a non-scheduling method', `export function each() { emitter.emit('x', () => /*@*/fs.statSync('.')); }`, null],
  ['listener method with the callback first', `export function wrong() { emitter.on(() => /*@*/fs.statSync('.')); }`, null],
];

for (const [name, input, expected] of cases) test(name, () => check(input, expected));

// Not event-loop code (issue 9): worker entry files (named by a resolvable `new Worker(...)`, or
// using parentPort at their top level) and CLI entries (shebang, package.json `bin`); each twin
// (the same code in a file that is neither) is reported. Reference: eslint-plugin-n no-sync
// reports these calls wherever they are.
const offLoop = path.join(fixturesRoot, 'rules', 'blocking-call', 'off-loop');
for (const name of ['main.ts', 'entry-url.ts', 'entry-join.js', 'port-user.js', 'cli.js', 'bin-tool.js', 'not-bin.js', 'not-entry.ts']) {
  test(`off the main loop: ${name} matches its carets`, () => {
    const file = path.join(offLoop, name);
    const expected = parseExpectations(readText(file));
    const actual = findingsOf(engine.analyzeFile(file), 'blocking-call');
    const key = (item) => `${item.line + 1}:${item.startColumn + 1}`;
    assert.deepEqual(actual.map(key), expected.map(key), actual.map(describeFinding).join('\n'));
  });
}

// Request code the other way round: a route registered with a computed path.
const computed = [
  ['template-literal path', 'app.get(`${String(1)}/*`, () => /*@*/fs.statSync(\'.\'));', 'a GET route handler'],
  ['path in a variable', `const usersPath = '/users' as string;\napp.get(usersPath, () => /*@*/fs.statSync('.'));`, 'a GET route handler'],
  ['computed key on no router, one-parameter loader', `declare const memo: { get(k: string, load: (k: string) => unknown): unknown };\nconst key = 'k' as string;\nmemo.get(key, (k) => /*@*/fs.statSync(k));`, null],
  ['isMainThread false branch', `import { isMainThread } from 'node:worker_threads';\nif (!isMainThread) emitter.on('x', () => /*@*/fs.statSync('.'));`, null],
];
for (const [name, input, expected] of computed) test(name, () => check(input, expected));
