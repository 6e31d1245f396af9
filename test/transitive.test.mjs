// Transitive blocking: calls in event-loop code that reach a blocking API through project
// helpers (across files, re-exports, methods, consts) are reported with the chain as related
// information; the same helpers called at start-up stay silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { applyCheckedFix, createEngine, describeFinding, findingAfter, findingsOf, fixTitles, fixturesRoot, parseExpectations, readText } from './helpers/engine.mjs';

const root = path.join(fixturesRoot, 'transitive');
const engine = createEngine();
const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;

for (const name of ['handlers.ts', 'startup.ts', 'make-async/handlers.ts', 'make-async/notes.js']) {
  test(`transitive blocking in ${name} matches the carets`, () => {
    const file = path.join(root, name);
    const expected = parseExpectations(readText(file));
    const actual = findingsOf(engine.analyzeFile(file), 'blocking-call');
    assert.deepEqual(actual.map(key).sort(), expected.map(key).sort(), actual.map(describeFinding).join('\n'));
  });
}

test('the chain is listed as related information, down to the blocking API', () => {
  const file = path.join(root, 'handlers.ts');
  const [first] = findingsOf(engine.analyzeFile(file), 'blocking-call');
  assert.match(first.message, /'loadConfig\(\)' blocks the event loop inside async function 'handleRequest': it reaches fs\.readFileSync through readJson\(\)/);
  const steps = first.related.map((related) => `${path.basename(related.fileName)}: ${related.message}`);
  assert.deepEqual(steps, [
    'config.ts: loadConfig() calls readJson()',
    'json.ts: readJson() calls fs.readFileSync(), which blocks',
  ]);
});

test('summaries are cached: a second analysis of an unchanged project computes nothing new', () => {
  const file = path.join(root, 'handlers.ts');
  engine.analyzeFile(file);
  const before = engine.blockingSummaries.computed;
  engine.analyzeFile(file);
  assert.equal(engine.blockingSummaries.computed, before);
  // Editing the leaf helper invalidates the summaries that looked at it, and only those.
  const json = path.join(root, 'lib/json.ts');
  const text = readText(json);
  engine.host.setOverlay(json, text.replace("fs.readFileSync(file, 'utf8')", "'{}'"));
  try {
    const after = findingsOf(engine.analyzeFile(file), 'blocking-call');
    assert.ok(!after.some((finding) => finding.message.includes('readJson()')), 'readJson no longer blocks');
    assert.ok(engine.blockingSummaries.computed > before);
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
  const { finding, result } = applyCheckedFix(engine, handlersFile, 'blocking-call', 'handleSettings', title);
  assert.equal(finding.fixes.find((fix) => fix.title === title).kind, 'suggestion');
  assert.deepEqual([...result.texts.keys()].sort(), [handlersFile, settingsFile].sort());
  const settings = result.texts.get(settingsFile);
  assert.match(settings, /export async function readSettings\(file: string\): Promise<string> \{\n  const text = await fs\.promises\.readFile\(file, 'utf8'\);/);
  assert.match(settings, /return \(await readSettings\(file\)\)\.length;/);
  assert.match(result.text, /const settings = await readSettings\(file\);/);
  assert.match(result.text, /\$\{await readSettings\(`\$\{file\}\.local`\)\}/);
  // Every readSettings finding is gone (in both files), not only the one the fix was asked on.
  assert.ok(!result.after.findings.some((other) => other.message.includes('readSettings')));
});

test("make a const arrow async: 'async' before its parameters, the named import's twin imported", () => {
  const title = "Make 'readBanner' async (fs/promises readFile) and await its call";
  const { result } = applyCheckedFix(engine, handlersFile, 'blocking-call', 'handleBanner', title);
  const settings = result.texts.get(settingsFile);
  assert.match(settings, /export const readBanner = async \(file: string\) => \(await readFile\(file, 'utf8'\)\)\.toUpperCase\(\);/);
  assert.match(settings, /import \{ readFile \} from 'node:fs\/promises';/);
  assert.match(result.text, /return \(await readBanner\('\/srv\/banner\.txt'\)\)\.length;/);
});

test('no make-async fix when one caller is synchronous, or when the helper is also used as a value', () => {
  for (const marker of ['handlePage', 'handleLicense']) {
    const { finding } = findingAfter(engine, handlersFile, 'blocking-call', marker);
    assert.deepEqual(fixTitles(finding), [], `${marker}: ${fixTitles(finding).join(', ')}`);
  }
});

test('the make-async fix carries line/column ranges for the editor, for every file it edits', () => {
  const { finding } = findingAfter(engine, handlersFile, 'blocking-call', 'handleSettings');
  const [fix] = finding.fixes;
  assert.ok(fix.edits.every((edit) => edit.range && edit.range.start.line >= 0));
  const inSettings = fix.edits.find((edit) => edit.fileName === settingsFile && edit.newText === 'async ');
  assert.deepEqual(inSettings.range.start, { line: 5, character: 7 });
});

test('make-async in JavaScript: the helper and both callers in one file; not with a JSDoc return type', () => {
  const notesFile = path.join(makeAsync, 'notes.js');
  const { result } = applyCheckedFix(engine, notesFile, 'blocking-call', 'handleNotes', "Make 'readNotes' async (fs/promises readFile) and await its 2 calls");
  assert.match(result.text, /async function readNotes\(file\) \{\n  return \(await fs\.promises\.readFile\(file, 'utf8'\)\)\.split/);
  assert.match(result.text, /const notes = await readNotes\(file\);/);
  assert.match(result.text, /async \(file\) => \(await readNotes\(file\)\)\[0\];/);
  const { finding } = findingAfter(engine, notesFile, 'blocking-call', 'handleTitle');
  assert.deepEqual(fixTitles(finding), []);
});
