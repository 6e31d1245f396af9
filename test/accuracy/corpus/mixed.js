// JavaScript cases (no type annotations; types come from inference and lib declarations).
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';

const emitter = new EventEmitter();

async function loadUser(id) {
  const response = await fetch(`/users/${id}`);
  return response.json();
}

function format(user) {
  return String(user);
}

// @case no-floating-promises floating-promise: async function called as a statement (JS)
export function js01() {
  loadUser('1');
}

// @case no-floating-promises floating-promise: fetch().then without a rejection handler (JS)
export function js02() {
  fetch('/ping').then((response) => response.text());
}

// @case no-floating-promises valid: awaited (JS)
export async function js03() {
  return format(await loadUser('1'));
}

// @case no-floating-promises valid: caught (JS)
export function js04() {
  loadUser('1').catch((error) => console.error(error));
}

// @case no-misused-promises unhandled-rejection: async listener (JS)
export function js05() {
  emitter.on('user', async (id) => {
    await loadUser(id);
  });
}

// @case no-misused-promises missing-await: promise in a condition (JS)
export async function js06() {
  if (loadUser('1')) console.log('loaded');
}

// @case no-misused-promises valid: awaited condition (JS)
export async function js07() {
  if (await loadUser('1')) console.log('loaded');
}

// @case await-thenable await-non-promise: await a synchronous function's result (JS)
export async function js08(user) {
  return await format(user);
}

// @case await-thenable valid: await an async function's result (JS)
export async function js09() {
  return await loadUser('1');
}

// @case return-await missing-await: unawaited return inside try (JS)
export async function js10() {
  try {
    return loadUser('1');
  } catch {
    return null;
  }
}

// @case no-sync blocking-call: readFileSync in an async function (JS)
export async function js11() {
  return readFileSync('a.txt', 'utf8');
}

// @case no-sync valid: readFileSync in a start-up helper (JS)
function readTemplate() {
  return readFileSync('page.html', 'utf8');
}
export const template = readTemplate();

// @case no-sync blocking-call: require('fs').readFileSync in an async function (JS)
export async function js12() {
  return require('fs').readFileSync('a.txt', 'utf8');
}

// @case no-sync blocking-call: destructured execSync from require in a timer (JS)
const { execSync } = require('child_process');
export function js13() {
  setTimeout(() => execSync('sync'), 100);
}

// @case await-thenable valid: await a member the module replaced with a promise-returning one (JS, as fastq does)
function makeQueue() {
  const queue = {
    push(value) {
      console.log(value);
    },
  };
  queue.push = (value) => Promise.resolve(value);
  return queue;
}
export async function js14() {
  return await makeQueue().push(1);
}
