// Exact output of the missing-await fixes on representative cases from the rule's fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { applyCheckedFix, createEngine, findingAfter as sharedFindingAfter, fixTitles, fixturesRoot } from '../helpers/engine.mjs';

const engine = createEngine();
const dir = path.join(fixturesRoot, 'rules/missing-await');
const TS = path.join(dir, 'invalid.ts');
const JS = path.join(dir, 'invalid.js');const findingAfter = (file, marker) => sharedFindingAfter(engine, file, 'missing-await', marker);
const titles = fixTitles;

/** Applies the fix and returns the changed lines as { line: text } (0-based line numbers). */
function changedLines(file, marker, title) {
  const { report, finding, result } = applyCheckedFix(engine, file, 'missing-await', marker, title);
  const before = report.text.split('\n');
  const after = result.text.split('\n');
  assert.equal(after.length, before.length);
  const changed = {};
  after.forEach((line, index) => {
    if (line !== before[index]) changed[index - finding.line] = line;
  });
  return changed;
}

test('Add await in a condition (preferred, the only fix in an async function)', () => {
  const { finding } = findingAfter(TS, 'export async function checkAdmin');
  assert.deepEqual(titles(finding), ['Add await (preferred)']);
  assert.deepEqual(changedLines(TS, 'export async function checkAdmin', 'Add await'), { 0: "  if (await isAdmin(user)) console.log('admin');" });
});

test('Add await parenthesises a member read', () => {
  assert.deepEqual(changedLines(TS, 'export async function nameOf', 'Add await'), { 0: "  return (await fetchUser('1')).name;" });
  assert.deepEqual(changedLines(JS, 'export async function adminFlag', 'Add await'), { 0: '  return (await found).admin;' });
});

test('Add await after ! and in a template', () => {
  assert.deepEqual(changedLines(TS, 'export async function guard', 'Add await'), { 0: '  if (!await isAdmin(user)) return;' });
  assert.deepEqual(changedLines(TS, 'export async function greetTemplate', 'Add await'), { 0: '  return `Hello ${await loadName()}`;' });
});

test('return await inside try', () => {
  assert.deepEqual(changedLines(TS, 'export async function safeFetch', 'Add await'), { 0: '    return await fetchUser(id);' });
});

test("Make a void function async: the annotation becomes Promise<void>", () => {
  assert.deepEqual(changedLines(TS, 'export function logAdmin', "Make 'logAdmin' async and add await"), {
    [-1]: 'export async function logAdmin(): Promise<void> {',
    0: "  if (await isAdmin(user)) console.log('admin');",
  });
});

test('Make a method async', () => {
  assert.deepEqual(changedLines(TS, 'export class Reporter', "Make 'report' async and add await"), {
    [-1]: '  async report() {',
    0: '    console.log(`users: ${await countUsers()}`);',
  });
});

test('Make an arrow function async (JavaScript)', () => {
  assert.deepEqual(changedLines(JS, 'export const logCount', "Make 'logCount' async and add await"), {
    [-1]: 'export const logCount = async () => {',
    0: "  console.log('count: ' + await countUsers());",
  });
});

test('no fix for a forEach callback (it would become fire-and-forget)', () => {
  const { finding } = findingAfter(TS, 'export function each');
  assert.deepEqual(titles(finding), []);
});

test('Add await on the right of ?? and under ~ in a condition', () => {
  assert.deepEqual(changedLines(TS, 'export async function nullishCondition', 'Add await'), { 0: "  if (maybeFlag ?? await isAdmin(user)) console.log('ok');" });
  assert.deepEqual(changedLines(TS, 'export async function bitwiseNotCondition', 'Add await'), { 0: "  return ~await countUsers() ? 'some' : 'none';" });
});

test('return await in the scope of using / await using, and in a for (using ...) body', () => {
  assert.deepEqual(changedLines(TS, 'export async function readWithFile', 'Add await'), { 0: "  return await fetchUser('1');" });
  assert.deepEqual(changedLines(TS, 'export async function readWithStream', 'Add await'), { 0: "    return await fetchUser('1');" });
  assert.deepEqual(changedLines(TS, 'export async function readEach', 'Add await'), { 0: "    return await fetchUser('1');" });
  assert.deepEqual(changedLines(JS, 'export async function readWithHandle', 'Add await'), { 0: "  return await fetchUser('1');" });
});

test('return await on a conditional in the scope of using', () => {
  assert.deepEqual(changedLines(TS, 'export async function readEither', 'Add await'), { 0: "  return await (flag ? fetchUser('1') : 0);" });
});

test('return await in an async generator (info, same fix)', () => {
  assert.deepEqual(changedLines(TS, 'export async function* pages', 'Add await'), { 0: "    return await fetchUser('last');" });
  assert.deepEqual(changedLines(JS, 'export async function* userPages', 'Add await'), { 0: "    return await fetchUser('last');" });
});
