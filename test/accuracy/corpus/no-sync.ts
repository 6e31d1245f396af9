// eslint-plugin-n no-sync (synchronous Node APIs), restricted to code that runs on the event
// loop (async functions, promise callbacks, timers, listeners, request handlers) -> blocking-call.
// Start-up code (module top level, plain functions called from it) is valid.
import * as fs from 'node:fs';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execSync, spawnSync, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { EventEmitter } from 'node:events';
import * as zlib from 'node:zlib';
import * as crypto from 'node:crypto';
import fsDefault from 'node:fs';

declare const emitter: EventEmitter;
declare const app: { get(path: string, handler: (request: unknown, response: { send(body: string): void }) => void): void };

// @case no-sync blocking-call: readFileSync in an async function
export async function b01(path: string) {
  return readFileSync(path, 'utf8');
}

// @case no-sync blocking-call: fs.writeFileSync through the namespace in an async function
export async function b02(path: string, data: string) {
  fs.writeFileSync(path, data);
}

// @case no-sync blocking-call: existsSync in a request handler
export function b03() {
  createServer((request, response) => {
    response.end(String(existsSync(request.url ?? '')));
  });
}

// @case no-sync blocking-call: execSync in an async function
export async function b04() {
  return execSync('git rev-parse HEAD').toString();
}

// @case no-sync blocking-call: spawnSync in a timer callback
export function b05() {
  setTimeout(() => {
    spawnSync('ls');
  }, 10);
}

// @case no-sync blocking-call: readdirSync in a then callback
export function b06(ready: Promise<string>) {
  return ready.then((dir) => fs.readdirSync(dir));
}

// @case no-sync blocking-call: statSync in an event listener
export function b07() {
  emitter.on('file', (path: string) => {
    fs.statSync(path);
  });
}

// @case no-sync blocking-call: zlib.gzipSync in an async function
export async function b08(data: Buffer) {
  return zlib.gzipSync(data);
}

// @case no-sync blocking-call: crypto.pbkdf2Sync in a route handler
export function b09() {
  app.get('/hash', (request, response) => {
    response.send(crypto.pbkdf2Sync('pw', 'salt', 100000, 64, 'sha512').toString('hex'));
  });
}

// @case no-sync blocking-call: default-imported fs in an async arrow
export const b10 = async (path: string) => fsDefault.readFileSync(path);

// @case no-sync blocking-call: mkdirSync in an async method
export class B11 {
  async ensure(dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }
}

// @case no-sync blocking-call: execFileSync in a setInterval callback
export function b12() {
  setInterval(() => execFileSync('uptime'), 1000);
}

// @case no-sync blocking-call: unlinkSync in a catch callback
export function b13(task: Promise<void>, path: string) {
  return task.catch(() => fs.unlinkSync(path));
}

// @case no-sync blocking-call: appendFileSync in a process listener
export function b14() {
  process.on('message', (message) => {
    fs.appendFileSync('log.txt', String(message));
  });
}

// @case no-sync blocking-call: readFileSync inside a loop of an async function
export async function b15(paths: string[]) {
  const out: string[] = [];
  for (const path of paths) out.push(readFileSync(path, 'utf8'));
  return out;
}

// @case no-sync blocking-call: copyFileSync in a setImmediate callback
export function b16() {
  setImmediate(() => fs.copyFileSync('a', 'b'));
}

// @case no-sync blocking-call: zlib.inflateSync in a data listener
export function b17(stream: NodeJS.ReadableStream) {
  stream.on('data', (chunk: Buffer) => {
    zlib.inflateSync(chunk);
  });
}

// @case no-sync blocking-call: crypto.scryptSync in an async function
export async function b18(password: string) {
  return crypto.scryptSync(password, 'salt', 64);
}

// @case no-sync blocking-call: a sync helper that reads a file, called from an async function
function readConfig(path: string) {
  return readFileSync(path, 'utf8');
}
export async function b19() {
  return readConfig('config.json');
}

// @case no-sync blocking-call: writeFileSync in an async function expression
export const b20 = async function (path: string) {
  writeFileSync(path, '');
};

// @case no-sync blocking-call: renameSync in a promise finally callback
export function b21(task: Promise<void>) {
  return task.finally(() => fs.renameSync('a.tmp', 'a'));
}

// @case no-sync blocking-call: rmSync in a once listener
export function b22() {
  emitter.once('close', () => fs.rmSync('tmp', { recursive: true }));
}

// @case no-sync blocking-call: readFileSync in an async callback of map
export async function b23(paths: string[]) {
  return Promise.all(paths.map(async (path) => readFileSync(path)));
}

// @case no-sync blocking-call: fs.accessSync in an addEventListener-style worker handler
export function b24(port: { on(event: 'message', listener: (path: string) => void): void }) {
  port.on('message', (path) => fs.accessSync(path));
}

// @case no-sync valid: readFileSync at module top level (start-up)
export const config = readFileSync('./lib.ts', 'utf8');

// @case no-sync valid: existsSync at top level inside an if
if (existsSync('.env')) {
  process.env.LOADED = '1';
}

// @case no-sync valid: a synchronous CLI main called at start-up
function main() {
  const text = readFileSync('input.txt', 'utf8');
  writeFileSync('output.txt', text.toUpperCase());
}
main();

// @case no-sync valid: async fs API in an async function
export async function bv01(path: string) {
  return fs.promises.readFile(path, 'utf8');
}

// @case no-sync valid: a user function whose name ends in Sync
function loadSync(value: string) {
  return value.trim();
}
export async function bv02() {
  return loadSync(' x ');
}

// @case no-sync valid: a method named readFileSync on an unrelated object
declare const virtualFs: { readFileSync(path: string): string };
export async function bv03() {
  return virtualFs.readFileSync('a');
}

// @case no-sync valid: callback-style fs API inside a listener
export function bv04() {
  emitter.on('file', (path: string) => {
    fs.readFile(path, () => undefined);
  });
}

// @case no-sync valid: sync call in a plain function that is only exported (start-up helper)
export function bv05(path: string) {
  return existsSync(path);
}

// @case no-sync valid: synchronous map callback at top level
export const sizes = ['a', 'b'].map((name) => name.length);

// @case no-sync valid: zlib streaming API in an async function
export async function bv06() {
  return zlib.createGzip();
}

// @case no-sync valid: crypto.pbkdf2 with a callback in an async function
export async function bv07() {
  return new Promise<Buffer>((resolve, reject) =>
    crypto.pbkdf2('pw', 'salt', 1000, 64, 'sha512', (error, key) => (error ? reject(error) : resolve(key))),
  );
}

// @case no-sync valid: execSync in a class constructor run at start-up
export class BV08 {
  readonly revision = execSync('git rev-parse HEAD').toString();
}

// @case no-sync valid: JSON.parse and string work in an async function
export async function bv09(text: string) {
  return JSON.parse(text) as unknown;
}

// @case no-sync valid: readFileSync in a start-up function that registers routes
function registerRoutes() {
  const template = readFileSync('page.html', 'utf8');
  app.get('/', (request, response) => response.send(template));
}
registerRoutes();

// @case no-sync blocking-call: existsSync inside a Promise executor inside an async function
export async function b25(path: string) {
  return new Promise<boolean>((resolve) => resolve(existsSync(path)));
}

// @case no-sync blocking-call: readFileSync in a map callback inside an async function
export async function b26(paths: string[]) {
  return paths.map((path) => readFileSync(path, 'utf8'));
}

// @case no-sync blocking-call: readFileSync in a middleware function
declare const server: { use(handler: (request: unknown, response: unknown, next: () => void) => void): void };
export function b27() {
  server.use((request, response, next) => {
    fs.readFileSync('acl.json');
    next();
  });
}
