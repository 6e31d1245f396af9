// await-in-loop's Promise.all rewrite, character for character: each case is written to a scratch
// file under test/fixtures (so the fixture tsconfig applies), analysed, fixed with tryFix, and
// compared with the expected text (the scratch folder is removed afterwards). The sweep in fixes.test.mjs proves the fixes compile; this
// pins down what they produce, and where the rewrite must not be offered.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine, findingsOf, fixturesRoot, tryFix } from '../helpers/engine.mjs';

const scratchDir = path.join(fixturesRoot, 'rules/await-in-loop/.fix-outputs-scratch');
mkdirSync(scratchDir, { recursive: true });
after(() => rmSync(scratchDir, { recursive: true, force: true }));
const engine = createEngine();

const PRELUDE = `declare function fetchUser(id: string): Promise<{ id: string; name: string }>;
declare function save(value: unknown): Promise<void>;
declare function log(text: string): void;
`;

let counter = 0;
function rewrite(source, extension = 'ts') {
  const file = path.join(scratchDir, `case-${++counter}.${extension}`);
  const text = `${extension === 'ts' ? PRELUDE : ''}${source}`;
  writeFileSync(file, text);
  engine.host.setOverlay?.(file, text);
  const findings = findingsOf(engine.analyzeFile(file), 'await-in-loop');
  assert.equal(findings.length, 1, `expected one await-in-loop finding in:\n${source}`);
  const fix = findings[0].fixes.find((candidate) => candidate.title.includes('Promise.all'));
  if (!fix) return { fix: undefined };
  assert.equal(fix.kind, 'suggestion');
  const result = tryFix(engine, file, findings[0], fix);
  assert.deepEqual(result.syntaxErrors, [], 'syntax errors after the fix');
  assert.deepEqual(result.newTypeErrors, [], 'new type errors after the fix');
  assert.ok(result.findingGone, 'the finding is still there after the fix');
  return { fix, text: result.text.slice(text.length - source.length) };
}

test('for-of with a block body becomes Promise.all over map', () => {
  const { text } = rewrite(`export async function run(ids: string[]): Promise<void> {
  for (const id of ids) {
    await fetchUser(id);
  }
}
`);
  assert.equal(
    text,
    `export async function run(ids: string[]): Promise<void> {
  await Promise.all(ids.map(async (id) => {
    await fetchUser(id);
  }));
}
`,
  );
});

test('several statements and a local result keep their text and indentation', () => {
  const { text } = rewrite(`export async function run(ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const user = await fetchUser(id);
    // keep this comment
    log(user.name);
    await save(user);
  }
}
`);
  assert.equal(
    text,
    `export async function run(ids: readonly string[]): Promise<void> {
  await Promise.all(ids.map(async (id) => {
    const user = await fetchUser(id);
    // keep this comment
    log(user.name);
    await save(user);
  }));
}
`,
  );
});

test('a body without braces gets them', () => {
  const { text } = rewrite(`export async function run(ids: string[]): Promise<void> {
  for (const id of ids) await fetchUser(id);
}
`);
  assert.equal(
    text,
    `export async function run(ids: string[]): Promise<void> {
  await Promise.all(ids.map(async (id) => { await fetchUser(id); }));
}
`,
  );
});

test('destructuring bindings carry over as the callback parameter', () => {
  const { text } = rewrite(`export async function run(pairs: [string, number][]): Promise<void> {
  for (const [id, count] of pairs) {
    await save({ id, count });
  }
}
`);
  assert.equal(
    text,
    `export async function run(pairs: [string, number][]): Promise<void> {
  await Promise.all(pairs.map(async ([id, count]) => {
    await save({ id, count });
  }));
}
`,
  );
});

test('an iterable that is not a member expression is parenthesised', () => {
  const { text } = rewrite(`export async function run(a: string[] | undefined, b: string[]): Promise<void> {
  for (const id of a ?? b) {
    await fetchUser(id);
  }
}
`);
  assert.equal(
    text,
    `export async function run(a: string[] | undefined, b: string[]): Promise<void> {
  await Promise.all((a ?? b).map(async (id) => {
    await fetchUser(id);
  }));
}
`,
  );
});

test('a property-access iterable and a JavaScript array work too', () => {
  const { text } = rewrite(`const config = { files: ['a', 'b'] };
export async function run() {
  for (const file of config.files) {
    await fetch(file);
  }
}
`, 'js');
  assert.equal(
    text,
    `const config = { files: ['a', 'b'] };
export async function run() {
  await Promise.all(config.files.map(async (file) => {
    await fetch(file);
  }));
}
`,
  );
});

test('no rewrite where it would not be exact', () => {
  const cases = {
    'results pushed to an outer array (order would change)': `export async function run(ids: string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const id of ids) {
    out.push(await fetchUser(id));
  }
  return out;
}
`,
    'an outer variable assigned': `export async function run(ids: string[]): Promise<unknown> {
  let last: unknown;
  for (const id of ids) {
    last = await fetchUser(id);
  }
  return last;
}
`,
    'a continue in the body': `export async function run(ids: string[]): Promise<void> {
  for (const id of ids) {
    if (!id) continue;
    await fetchUser(id);
  }
}
`,
    'an iterable that is not an array': `export async function run(ids: Set<string>): Promise<void> {
  for (const id of ids) {
    await fetchUser(id);
  }
}
`,
    'a var binding': `export async function run(ids: string[]): Promise<void> {
  for (var id of ids) {
    await fetchUser(id);
  }
}
`,
    'a counting for loop': `export async function run(ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i++) {
    await fetchUser(ids[i]);
  }
}
`,
    'a labeled loop': `export async function run(ids: string[]): Promise<void> {
  outer: for (const id of ids) {
    await fetchUser(id);
  }
}
`,
    'an outer let narrowed before the loop': `export async function run(ids: string[], start: string | undefined): Promise<void> {
  let prefix = start;
  if (prefix === undefined) return;
  for (const id of ids) {
    await fetchUser(prefix + id);
  }
  prefix = undefined;
}
`,
    'a property of an outer object written': `export async function run(ids: string[]): Promise<Record<string, unknown>> {
  const byId: Record<string, unknown> = {};
  for (const id of ids) {
    byId[id] = await fetchUser(id);
  }
  return byId;
}
`,
  };
  for (const [name, source] of Object.entries(cases)) {
    assert.equal(rewrite(source).fix, undefined, `no rewrite expected: ${name}`);
  }
});
