// Exact output of the floating-promise fixes on representative cases from the rule's fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { applyCheckedFix, countCases, createEngine, describeFinding, findingAfter as sharedFindingAfter, findingsOf, fixTitles, fixturesRoot, parseExpectations, readText, tryFix } from '../helpers/engine.mjs';

const engine = createEngine();
const dir = path.join(fixturesRoot, 'rules/floating-promise');
const TS = path.join(dir, 'invalid.ts');
const JS = path.join(dir, 'invalid.js');
const findingAfter = (file, marker) => sharedFindingAfter(engine, file, 'floating-promise', marker);
const titles = fixTitles;

/** Applies the fix titled `title` and returns the text of the finding's line afterwards, asserting nothing else changed. */
function fixedLine(file, marker, title) {
  const { report, finding, result } = applyCheckedFix(engine, file, 'floating-promise', marker, title);
  const before = report.text.split('\n');
  const after = result.text.split('\n');
  assert.equal(after.length, before.length, 'the fix should change one line');
  assert.deepEqual(after.filter((_, i) => i !== finding.line), before.filter((_, i) => i !== finding.line), 'only the finding line changes');
  return after[finding.line];
}

test('Add await, preferred, inside an async function', () => {
  const { finding } = findingAfter(TS, 'export async function handler');
  assert.deepEqual(titles(finding), ['Add await (preferred)', 'Add .catch handler', 'Mark as intentionally not awaited with void']);
  assert.equal(fixedLine(TS, 'export async function handler', 'Add await'), '  await saveUser(user);');
});

test('no await outside an async function; void is never preferred', () => {
  const { finding } = findingAfter(TS, 'export function onClick');
  assert.deepEqual(titles(finding), ['Add .catch handler', 'Mark as intentionally not awaited with void']);
});

test('.catch on a || of promises wraps the expression in parentheses', () => {
  assert.equal(
    fixedLine(TS, 'export async function either', 'Add .catch handler'),
    '  (maybeSave(user) || saveUser(user)).catch((error: unknown) => { console.error(error); });',
  );
});

test('await on a || of promises is parenthesised too', () => {
  assert.equal(fixedLine(TS, 'export async function either', 'Add await'), '  await (maybeSave(user) || saveUser(user));');
});

test('.catch after && goes on the promise operand', () => {
  assert.equal(
    fixedLine(TS, 'export function guarded', 'Add .catch handler'),
    '  ready && saveUser(user).catch((error: unknown) => { console.error(error); });',
  );
});

test('.catch on a ternary goes on each branch', () => {
  assert.equal(
    fixedLine(TS, 'export async function ternary', 'Add .catch handler'),
    "  ready ? saveUser(user).catch((error: unknown) => { console.error(error); }) : fetchUser('2').catch((error: unknown) => { console.error(error); });",
  );
});

test('.catch in JavaScript has no type annotation', () => {
  assert.equal(fixedLine(JS, 'export function onClick', 'Add .catch handler'), '  saveUser(user).catch((error) => { console.error(error); });');
});

test('.catch on an optional call uses ?.catch', () => {
  assert.equal(
    fixedLine(TS, 'export async function stopService', 'Add .catch handler'),
    '  service?.stop()?.catch((error: unknown) => { console.error(error); });',
  );
});

test('an empty .catch() gets the handler instead of a second .catch', () => {
  assert.equal(fixedLine(TS, 'export function emptyCatch', 'Add .catch handler'), '  saveUser(user).catch((error: unknown) => { console.error(error); });');
});

test('void, with parentheses around &&', () => {
  assert.equal(fixedLine(TS, 'export function guarded', 'Mark as intentionally not awaited with void'), '  void (ready && saveUser(user));');
  assert.equal(fixedLine(TS, 'export function onClick', 'Mark as intentionally not awaited with void'), '  void saveUser(user);');
});

test('arrays of promises: await Promise.all(...) and Promise.all(...).catch', () => {
  assert.equal(fixedLine(TS, 'export async function mapped', 'Add await Promise.all(...)'), '  await Promise.all(ids.map(fetchUser));');
  assert.equal(fixedLine(JS, 'export async function arrayLiteral', 'Add await Promise.all(...)'), "  await Promise.all([saveUser(user), fetchUser('2')]);");
  assert.equal(
    fixedLine(TS, 'export async function arrayLiteral', 'Add .catch handler'),
    '  Promise.all([saveUser(user), saveUser(user)]).catch((error: unknown) => { console.error(error); });',
  );
});

test('a comma operand is fixed on its own', () => {
  assert.equal(fixedLine(TS, 'export function comma', 'Mark as intentionally not awaited with void'), "  void saveUser(user), console.log('saved');");
});


// Stored promises (test/fixtures/stored-promises): the fixes act on the declaration.
const STORED_TS = path.join(fixturesRoot, 'stored-promises/invalid.ts');
const STORED_JS = path.join(fixturesRoot, 'stored-promises/invalid.js');

function storedFix(file, marker, title) {
  assert.ok(findingAfter(file, marker).finding.message.includes('Promise stored in'));
  const { report, finding, result } = applyCheckedFix(engine, file, 'floating-promise', marker, title);
  return { before: report.text.split('\n'), after: result.text.split('\n'), line: finding.line, finding };
}

test('stored: Add await (preferred) on an unused variable in an async function', () => {
  const { finding, after, line } = storedFix(STORED_TS, 'export async function neverUsed', 'Add await');
  assert.deepEqual(titles(finding), ['Add await (preferred)', 'Add .catch handler']);
  assert.equal(after[line], '  const pending = await saveUser(user);');
});

test('stored: Add await rewrites the later `await found` to `found`', () => {
  const { after, line } = storedFix(STORED_TS, 'export async function earlyReturn', 'Add await');
  assert.equal(after[line], '  const found = await fetchUser(id);');
  assert.equal(after[line + 5], '  return (found).name;');
});

test('stored: no await in a sync function, nor when a later use is not `await p`', () => {
  assert.deepEqual(titles(findingAfter(STORED_TS, 'export function letUnused').finding), ['Add .catch handler']);
  assert.deepEqual(titles(findingAfter(STORED_TS, 'export async function throwsFirst').finding), ['Add .catch handler']);
});

test('stored: .catch goes on the initialiser when the variable is not used again', () => {
  const { after, line } = storedFix(STORED_TS, 'export function choice', 'Add .catch handler');
  assert.equal(after[line], "  const next = ready ? saveUser(user).catch((error: unknown) => { console.error(error); }) : fetchUser('1').catch((error: unknown) => { console.error(error); });");
});

test('stored: .catch becomes a statement after the declaration when the variable is used later (its type is kept)', () => {
  const { before, after, line } = storedFix(STORED_TS, 'export async function throwsFirst', 'Add .catch handler');
  assert.equal(after.length, before.length + 1);
  assert.equal(after[line], before[line]);
  assert.equal(after[line + 1], '  found.catch((error: unknown) => { console.error(error); });');
});

test('stored: .catch in JavaScript has no type annotation', () => {
  const { after, line } = storedFix(STORED_JS, 'export function letUnused', 'Add .catch handler');
  assert.equal(after[line], '  let saving = saveUser(user).catch((error) => { console.error(error); });');
});

// settings.checkThenables (test/fixtures/rules/floating-promise/thenables): off by default, as in
// typescript-eslint, so only native Promises are reported; on, any thenable is. The rule fixture
// runner uses default settings, so these files are checked here (expectations, silence, fixes).
const THENABLES = path.join(dir, 'thenables');
const thenablesEngine = createEngine({ settings: { checkThenables: true } });
const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;

for (const extension of ['ts', 'js']) {
  const invalid = path.join(THENABLES, `invalid.${extension}`);
  const valid = path.join(THENABLES, `valid.${extension}`);

  test(`checkThenables: thenables/invalid.${extension} reports exactly the marked findings with the option, nothing without it`, () => {
    const text = readText(invalid);
    assert.ok(countCases(text, 'invalid') >= 2);
    const expected = parseExpectations(text).filter((expectation) => expectation.ruleId === 'floating-promise');
    const actual = findingsOf(thenablesEngine.analyzeFile(invalid), 'floating-promise');
    assert.deepEqual(actual.map(key), expected.map(key));
    assert.deepEqual(findingsOf(engine.analyzeFile(invalid), 'floating-promise').map(describeFinding), []);
  });

  test(`checkThenables: thenables/valid.${extension} stays silent with the option`, () => {
    assert.ok(countCases(readText(valid), 'valid') >= 2);
    assert.deepEqual(findingsOf(thenablesEngine.analyzeFile(valid), 'floating-promise').map(describeFinding), []);
  });

  test(`checkThenables: every fix offered on thenables/invalid.${extension} parses, type-checks and removes its finding`, () => {
    for (const finding of findingsOf(thenablesEngine.analyzeFile(invalid), 'floating-promise')) {
      for (const fix of finding.fixes.filter((candidate) => !candidate.title.startsWith('Ignore'))) {
        const result = tryFix(thenablesEngine, invalid, finding, fix);
        assert.deepEqual(result.syntaxErrors, [], `${fix.title} at ${key(finding)}`);
        assert.deepEqual(result.newTypeErrors, [], `${fix.title} at ${key(finding)}`);
        assert.ok(result.findingGone, `${fix.title} at ${key(finding)} should remove the finding`);
      }
    }
  });
}

test('checkThenables: a Thenable without catch gets no .catch fix', () => {
  const { finding } = sharedFindingAfter(thenablesEngine, path.join(THENABLES, 'invalid.ts'), 'floating-promise', 'export function notify');
  assert.deepEqual(titles(finding), ['Mark as intentionally not awaited with void']);
});

test('checkThenables: a stored Thenable with no catch method and no later use gets no .catch fix', () => {
  const { finding } = sharedFindingAfter(thenablesEngine, path.join(THENABLES, 'invalid.ts'), 'floating-promise', 'export function thenable');
  assert.ok(finding.message.includes('Promise stored in'));
  assert.deepEqual(titles(finding), []);
});

// Severity by risk: a dropped promise that cannot reject is info, with its own message and the same fixes.
test('a promise that cannot reject is info and keeps the await/void fixes', () => {
  const { finding } = findingAfter(TS, 'export function fireAndForget');
  assert.equal(finding.severity, 'info');
  assert.ok(finding.message.includes('cannot reject'));
  assert.deepEqual(titles(finding), ['Add .catch handler', 'Mark as intentionally not awaited with void']);
});

test('useless rejection handler: .catch(undefined) is still offered await/.catch/void', () => {
  const { finding } = findingAfter(TS, 'export function uselessCatch');
  assert.equal(finding.severity, 'warning');
  assert.ok(titles(finding).includes('Mark as intentionally not awaited with void'));
});

test('a possibly-undefined promise array gets `?? []` inside Promise.all', () => {
  assert.equal(fixedLine(TS, 'export function optionalMap', 'Add .catch handler'), '  Promise.all(maybeIds?.map(fetchUser) ?? []).catch((error: unknown) => { console.error(error); });');
  assert.equal(fixedLine(JS, 'export function optionalMap', 'Add .catch handler'), '  Promise.all(maybeIds?.map(fetchUser) ?? []).catch((error) => { console.error(error); });');
});
