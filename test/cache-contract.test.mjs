// The per-unit findings cache's contract (engine.ts, unitReads.ts): what a rule reads beyond its
// unit through the checker is recorded, so a new rule that looks into another function's body stays
// correct without any change to the engine. The rules here are scratch rules handed to the Engine,
// not registered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineModule, repoRoot } from './helpers/engine.mjs';

const { Engine, normalizeSettings, ts } = engineModule;

/** Reports a call whose callee (as the checker resolves it) has a `throw` in its body. */
const callsThrower = {
  id: 'calls-thrower',
  concept: 'unhandled-rejection',
  defaultSeverity: 'warning',
  description: 'scratch rule: a call to a function whose body throws',
  messages: { throws: "'{callee}' throws" },
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const declaration = context.checker.getResolvedSignature(node)?.declaration;
        if (!declaration || !declaration.body) return;
        let throws = false;
        const visit = (child) => {
          if (ts.isThrowStatement(child)) throws = true;
          else if (!throws && !ts.isFunctionLike(child)) ts.forEachChild(child, visit);
        };
        ts.forEachChild(declaration.body, visit);
        if (throws) context.report({ node: node.expression, messageId: 'throws', data: { callee: node.expression.getText() } });
      },
    };
  },
};

/** Reports a call with the line its callee starts on (a message that names a line of another unit). */
const calleeLineRule = (viaFunction) => ({
  id: 'callee-line',
  concept: 'unhandled-rejection',
  defaultSeverity: 'warning',
  description: 'scratch rule: the line of the callee',
  messages: { at: 'callee on {where}' },
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const declaration = context.checker.getResolvedSignature(node)?.declaration;
        if (!declaration || declaration.getSourceFile() !== context.sourceFile) return;
        // Both ways of asking the line of a position are recorded: the SourceFile's method, the compiler's function.
        const where = viaFunction
          ? ts.getLineAndCharacterOfPosition(context.sourceFile, declaration.getStart()).line + 1
          : context.sourceFile.getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
        context.report({ node: node.expression, messageId: 'at', data: { where: `L${where}` } });
      },
    };
  },
});

function engineWith(rules, root) {
  const settings = normalizeSettings({}, rules.map((rule) => rule.id)).settings;
  return new Engine({ rules, settings, root, log: () => {} });
}

const summary = (report) => report.findings.map((finding) => `${finding.ruleId} ${report.text.slice(0, finding.start).split('\n').length}:${finding.message}`);

/**
 * An engine kept across edits, and a check that sets a text, analyses it cached and with a fresh
 * engine, asserts both agree and returns the cached findings' summary.
 */
function cachedEqualsFresh(rules, root, file) {
  const engine = engineWith(rules, root);
  const check = (text) => {
    engine.host.setOverlay(file, text);
    const fresh = engineWith(rules, root);
    fresh.host.setOverlay(file, text);
    const got = summary(engine.analyzeFile(file));
    assert.deepEqual(got, summary(fresh.analyzeFile(file)), 'cached == fresh');
    return got;
  };
  return { engine, check };
}

const SOURCE = [
  'export class Service {',
  '  async run(): Promise<void> {',
  "    await this['handle']();", // computed access: no identifier in run() names the callee
  '  }',
  '',
  '  async handle(): Promise<void> {',
  "    throw new Error('handle');",
  '  }',
  '',
  '  async other(): Promise<void> {',
  '    await helper();',
  '  }',
  '}',
  '',
  'export async function helper(): Promise<void> {',
  "  throw new Error('helper');",
  '}',
  '',
].join('\n');

function withProject(run) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-cache-contract-'));
  try {
    writeFileSync(path.join(root, 'tsconfig.json'), readFileSync(path.join(repoRoot, 'test/fixtures/tsconfig.json')));
    const file = path.join(root, 'service.ts');
    writeFileSync(file, SOURCE);
    run(root, file);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('a scratch rule reading the callee\'s body: editing only the callee updates the caller\'s cached findings', () => {
  withProject((root, file) => {
    const engine = engineWith([callsThrower], root);
    const check = (text, expected) => {
      engine.host.setOverlay(file, text);
      const fresh = engineWith([callsThrower], root);
      fresh.host.setOverlay(file, text);
      const got = summary(engine.analyzeFile(file));
      assert.deepEqual(got, summary(fresh.analyzeFile(file)), 'cached == fresh');
      assert.deepEqual(got, expected);
    };
    const both = ["calls-thrower 3:'this['handle']' throws", "calls-thrower 11:'helper' throws"];
    check(SOURCE, both);
    // Only the callees' bodies change (async bodies with a declared type: outside the file's
    // fingerprint, so the callers' units are candidates for reuse).
    const before = { ...engine.stats };
    const handleSafe = SOURCE.replace("    throw new Error('handle');", "    console.log('handle');");
    check(handleSafe, ["calls-thrower 11:'helper' throws"]);
    assert.ok(engine.stats.unitsReused > before.unitsReused, 'units the edit did not touch come from the cache');
    check(handleSafe.replace("  throw new Error('helper');", "  console.log('helper');"), []);
    check(SOURCE.replace("  throw new Error('helper');", "  console.log('helper');"), ["calls-thrower 3:'this['handle']' throws"]);
    check(SOURCE, both);
  });
});

const LINES = [
  'export async function caller(): Promise<void> {',
  '  await callee();',
  '}',
  'export async function between(): Promise<void> {',
  '  await 1;',
  '}',
  'export async function callee(): Promise<void> {',
  '  return;',
  '}',
  '',
].join('\n');

for (const viaFunction of [false, true]) {
test(`a scratch rule naming the callee's line (${viaFunction ? 'ts.getLineAndCharacterOfPosition' : 'SourceFile method'}): reused only while the unit and the units it read have not moved`, () => {
  withProject((root, file) => {
    const { engine, check } = cachedEqualsFresh([calleeLineRule(viaFunction)], root, file);
    assert.deepEqual(check(LINES), ['callee-line 2:callee on L7']);
    // A line added inside between()'s body (outside the fingerprint) moves callee() down while
    // neither caller() nor callee() changes text or caller() moves: the message must follow.
    const before = { ...engine.stats };
    assert.deepEqual(check(LINES.replace('  await 1;', '  await 1;\n  await 2;')), ['callee-line 2:callee on L8']);
    assert.ok(engine.stats.unitsReused > before.unitsReused, 'callee() itself comes from the cache');
    assert.deepEqual(check(LINES), ['callee-line 2:callee on L7']);
  });
});
}

// missing-await reads beyond the unit: a file scan the rule declares (tagged promises) and scans of
// analysis helpers (null assigned to a promise flag). Each case: the finding, then a line added in
// another async body (outside the fingerprint) that silences it, then the original text again.
const FILE_SCAN_CASES = [
  {
    title: "a rule scanning the whole file declares it (missing-await's tagged promises): an assignment added in another async body is seen",
    source: [
      'export const p = Promise.resolve(1);',
      'export async function reader(): Promise<void> {',
      '  console.log((p as any).cancel, p.cancel);',
      '}',
      'export async function tagger(): Promise<void> {',
      '  await 1;',
      '}',
    ],
    reported: 'the read of a property a promise does not have is reported',
    // p is a tagged promise now.
    added: '  p.cancel = () => {};',
  },
  {
    title: 'an analysis helper scanning the whole file records it (an assignment of null in another async body)',
    source: [
      'export class Connection {',
      '  private closing: Promise<void> = Promise.resolve();',
      '',
      '  async close(): Promise<void> {',
      '    if (this.closing) return;',
      '  }',
      '',
      '  async reset(): Promise<void> {',
      '    await 1;',
      '  }',
      '}',
    ],
    reported: 'a promise tested for truthiness is reported',
    // The promise is an "in progress" flag now.
    added: '    this.closing = null as any;',
  },
  {
    title: 'the same with a module variable (`closing = null`), which no special case ever covered',
    source: [
      'let closing: Promise<void> = Promise.resolve();',
      'export async function close(): Promise<void> {',
      '  if (closing) return;',
      '}',
      'export async function reset(): Promise<void> {',
      '  await 1;',
      '}',
    ],
    reported: 'a promise tested for truthiness is reported',
    added: '  closing = null as any;',
  },
];

for (const { title, source: sourceLines, reported, added } of FILE_SCAN_CASES) {
  test(title, () => {
    withProject((root, file) => {
      const rules = engineModule.RULES.filter((rule) => rule.id === 'missing-await');
      const source = [...sourceLines, ''].join('\n');
      const { check: checkFindings } = cachedEqualsFresh(rules, root, file);
      const check = (text) => checkFindings(text).length;
      assert.equal(check(source), 1, reported);
      const awaitLine = sourceLines.find((line) => line.trim() === 'await 1;');
      assert.equal(check(source.replace(awaitLine, `${awaitLine}\n${added}`)), 0);
      assert.equal(check(source), 1);
    });
  });
}
