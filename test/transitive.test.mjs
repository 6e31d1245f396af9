// Transitive blocking: a blocking call in a synchronous project helper that event-loop code
// reaches (across files, re-exports, methods, consts) is reported once, at the blocking call,
// with the event-loop call sites that reach it as related information; the callers are not
// reported; helpers called only at start-up stay silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { applyCheckedFix, createEngine, describeFinding, findingAfter, findingsOf, fixTitles, fixturesRoot, parseExpectations, readText } from './helpers/engine.mjs';

const root = path.join(fixturesRoot, 'transitive');
const engine = createEngine();
const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;

for (const name of ['handlers.ts', 'startup.ts', 'lib/json.ts', 'lib/config.ts', 'make-async/handlers.ts', 'make-async/settings.ts', 'make-async/notes.js', 'many/helper.ts', 'many/jobs.ts', 'setup/builder.ts', 'setup/source.ts']) {
  test(`transitive blocking in ${name} matches the carets`, () => {
    const file = path.join(root, name);
    const expected = parseExpectations(readText(file));
    const actual = findingsOf(engine.analyzeFile(file), 'blocking-call');
    assert.deepEqual(actual.map(key).sort(), expected.map(key).sort(), actual.map(describeFinding).join('\n'));
  });
}

test('one root, one finding: the entries that reach it are related locations, named in the message', () => {
  const file = path.join(root, 'lib/json.ts');
  const findings = findingsOf(engine.analyzeFile(file), 'blocking-call');
  const readJson = findings.find((finding) => finding.message.includes("'readJson'"));
  assert.equal(
    readJson.message,
    "fs.readFileSync blocks the event loop: 'readJson' is reached from async function 'handleRequest' and a 'reload' event listener; make that path async or move it off the event loop (fs.promises.readFile).",
  );
  const sites = readJson.related.map((related) => `${path.basename(related.fileName)}: ${related.message}`).sort();
  assert.deepEqual(sites, [
    "handlers.ts: reached from a 'reload' event listener through loadConfig()",
    "handlers.ts: reached from async function 'handleRequest' through current()",
    "handlers.ts: reached from async function 'handleRequest' through loadConfig()",
    "handlers.ts: reached from async function 'handleRequest' through readJson()",
  ]);
  // The callers' file reports nothing: the 5 calls there were 5 findings before.
  assert.deepEqual(findingsOf(engine.analyzeFile(path.join(root, 'handlers.ts')), 'blocking-call'), []);
});

test('more than two entries: "reached from <first> and N more"', () => {
  const file = path.join(root, 'many/helper.ts');
  const [finding] = findingsOf(engine.analyzeFile(file), 'blocking-call');
  assert.match(finding.message, /'readTemplate' is reached from async function 'addJob' and 4 more;/);
  assert.equal(finding.related.length, 6); // retryJob reaches it twice
});

test('the root unit is not served from the unit cache: a new caller in an async body (outside the fingerprint) is seen', () => {
  const tsFile = path.join(root, 'virtual-cache.ts');
  const source = `import * as fs from 'node:fs';
function readIt(file: string): string {
  return fs.readFileSync(file, 'utf8');
}
export async function handler(file: string): Promise<number> {
  return file.length;
}
`;
  engine.host.setOverlay(tsFile, source);
  try {
    assert.equal(findingsOf(engine.analyzeFile(tsFile), 'blocking-call').length, 0);
    engine.host.setOverlay(tsFile, source.replace('return file.length;', 'return readIt(file).length;'));
    assert.equal(findingsOf(engine.analyzeFile(tsFile), 'blocking-call').length, 1);
    engine.host.setOverlay(tsFile, source);
    assert.equal(findingsOf(engine.analyzeFile(tsFile), 'blocking-call').length, 0);
  } finally {
    engine.host.removeOverlay(tsFile);
  }
});

test('editing the leaf helper changes its finding', () => {
  const json = path.join(root, 'lib/json.ts');
  const text = readText(json);
  engine.host.setOverlay(json, text.replace("fs.readFileSync(file, 'utf8')", "'{}'"));
  try {
    const after = findingsOf(engine.analyzeFile(json), 'blocking-call');
    assert.ok(!after.some((finding) => finding.message.includes("'readJson'")), 'readJson no longer blocks');
  } finally {
    engine.host.setOverlay(json, text);
  }
});

// "Make <helper> async": one level deep, helper in the project, every call of it in async code.
const makeAsync = path.join(root, 'make-async');
const handlersFile = path.join(makeAsync, 'handlers.ts');
const settingsFile = path.join(makeAsync, 'settings.ts');

test("make 'readSettings' async: the helper, its blocking call and its calls in both files are rewritten", () => {
  const title = "Make 'readSettings' async (fs/promises readFile) and await its 3 calls";
  const { finding, result } = applyCheckedFix(engine, settingsFile, 'blocking-call', 'function readSettings', title);
  assert.equal(finding.fixes.find((fix) => fix.title === title).kind, 'suggestion');
  assert.deepEqual([...result.texts.keys()].sort(), [handlersFile, settingsFile].sort());
  const settings = result.text;
  const handlers = result.texts.get(handlersFile);
  assert.match(settings, /export async function readSettings\(file: string\): Promise<string> \{\n  const text = await fs\.promises\.readFile\(file, 'utf8'\);/);
  assert.match(settings, /return \(await readSettings\(file\)\)\.length;/);
  assert.match(handlers, /const settings = await readSettings\(file\);/);
  assert.match(handlers, /\$\{await readSettings\(`\$\{file\}\.local`\)\}/);
  // Every readSettings finding is gone (in both files), not only the one the fix was asked on.
  assert.ok(!result.after.findings.some((other) => other.message.includes('readSettings')));
});

test("make a const arrow async: 'async' before its parameters, the named import's twin imported", () => {
  const title = "Make 'readBanner' async (fs/promises readFile) and await its call";
  const { result } = applyCheckedFix(engine, settingsFile, 'blocking-call', 'const readBanner', title);
  const settings = result.text;
  assert.match(settings, /export const readBanner = async \(file: string\) => \(await readFile\(file, 'utf8'\)\)\.toUpperCase\(\);/);
  assert.match(settings, /import \{ readFile \} from 'node:fs\/promises';/);
  assert.match(result.texts.get(handlersFile), /return \(await readBanner\('\/srv\/banner\.txt'\)\)\.length;/);
});

test('no make-async fix when one caller is synchronous, or when the helper is also used as a value', () => {
  for (const marker of ['function readTemplate', 'function readLicense']) {
    const { finding } = findingAfter(engine, settingsFile, 'blocking-call', marker);
    assert.deepEqual(fixTitles(finding), [], `${marker}: ${fixTitles(finding).join(', ')}`);
  }
});

test('the make-async fix carries line/column ranges for the editor, for every file it edits', () => {
  const { finding } = findingAfter(engine, settingsFile, 'blocking-call', 'function readSettings');
  const [fix] = finding.fixes;
  assert.ok(fix.edits.every((edit) => edit.range && edit.range.start.line >= 0));
  const inSettings = fix.edits.find((edit) => edit.fileName === settingsFile && edit.newText === 'async ');
  assert.deepEqual(inSettings.range.start, { line: 5, character: 7 });
});

test('make-async in JavaScript: the helper and both callers in one file; not with a JSDoc return type', () => {
  const notesFile = path.join(makeAsync, 'notes.js');
  const { result } = applyCheckedFix(engine, notesFile, 'blocking-call', 'function readNotes', "Make 'readNotes' async (fs/promises readFile) and await its 2 calls");
  assert.match(result.text, /async function readNotes\(file\) \{\n  return \(await fs\.promises\.readFile\(file, 'utf8'\)\)\.split/);
  assert.match(result.text, /const notes = await readNotes\(file\);/);
  assert.match(result.text, /async \(file\) => \(await readNotes\(file\)\)\[0\];/);
  const { finding } = findingAfter(engine, notesFile, 'blocking-call', 'function readTitle');
  assert.deepEqual(fixTitles(finding), []);
});

test('entries in test files do not count: a helper reached only from tests stays silent, from a plain async function it is reported', () => {
  const dir = path.join(fixturesRoot, 'rules', 'blocking-call', 'in-tests');
  const helper = path.join(dir, 'fixture-data.ts');
  assert.deepEqual(findingsOf(engine.analyzeFile(helper), 'blocking-call').map(describeFinding), []);
  const plain = path.join(dir, 'fixture-user.ts');
  engine.host.setOverlay(plain, "import { loadFixture } from './fixture-data';\nexport async function serve(): Promise<string> {\n  return loadFixture('a.json');\n}\n");
  try {
    assert.deepEqual(findingsOf(engine.analyzeFile(plain), 'blocking-call'), []); // (also brings the new file into the program)
    const [finding] = findingsOf(engine.analyzeFile(helper), 'blocking-call');
    assert.match(finding.message, /'loadFixture' is reached from async function 'serve'/);
  } finally {
    engine.host.removeOverlay(plain);
  }
});

test('entries described alike are told apart by their file', () => {
  const helper = path.join(root, 'many/helper.ts');
  const other = path.join(root, 'many/other-jobs.ts');
  engine.host.setOverlay(other, "import { readTemplate } from './helper';\nexport async function addJob(): Promise<string> {\n  return readTemplate('x');\n}\n");
  try {
    engine.analyzeFile(other);
    const [finding] = findingsOf(engine.analyzeFile(helper), 'blocking-call');
    assert.match(finding.message, /reached from async function 'addJob' \((jobs|other-jobs)\.ts\) and 5 more;/);
  } finally {
    engine.host.removeOverlay(other);
  }
});

test('initialisation across files: severities and messages match the carets (a method read through a transient symbol still has its callers)', () => {
  const file = path.join(root, 'setup/builder.ts');
  const expected = parseExpectations(readText(file));
  const actual = findingsOf(engine.analyzeFile(file), 'blocking-call');
  for (const want of expected) {
    const got = actual.find((finding) => key(finding) === key(want));
    assert.ok(got, `missing ${key(want)}`);
    assert.equal(got.severity, want.severity, `${key(want)}: ${got.message}`);
    assert.ok(got.message.includes(want.message), `${key(want)}: ${got.message}`);
  }
});
