// Tokenizes samples with vscode-textmate + vscode-oniguruma to check the suppression-directive
// injection grammar (syntaxes/loopguard-directives.injection.tmLanguage.json). A tiny host grammar
// (source.ts-mini) provides comment.line / comment.block scopes so the `L:comment` injection applies.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';
import { engineModule } from './helpers/engine.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const grammarPath = path.join(repo, 'syntaxes', 'loopguard-directives.injection.tmLanguage.json');
const INJECTION = 'loopguard.directives.injection';
const HOST = 'source.ts-mini';

const KEYWORD = 'keyword.control.directive.loopguard';
const RULE = 'entity.name.tag.rule.loopguard';
const UNKNOWN_RULE = 'invalid.illegal.rule.loopguard';
const SEPARATOR = 'punctuation.separator.reason.loopguard';
const REASON = 'string.unquoted.reason.loopguard';
const OURS = /\.loopguard$/;

// The registry's ids (the grammar's alternation is written from it by `npm run gen`).
const RULE_IDS = engineModule.RULES.map((rule) => rule.id);

// Test-only host grammar: just enough JS/TS to have strings, comments and a few keywords.
const HOST_GRAMMAR = {
  scopeName: HOST,
  patterns: [
    { name: 'string.quoted.double.ts-mini', begin: '"', end: '"', patterns: [{ match: '\\\\.' }] },
    { name: 'string.quoted.single.ts-mini', begin: "'", end: "'", patterns: [{ match: '\\\\.' }] },
    {
      name: 'comment.block.ts-mini',
      begin: '/\\*',
      end: '\\*/',
      beginCaptures: { 0: { name: 'punctuation.definition.comment.ts-mini' } },
      endCaptures: { 0: { name: 'punctuation.definition.comment.ts-mini' } },
    },
    {
      name: 'comment.line.double-slash.ts-mini',
      begin: '//',
      end: '(?=$)',
      beginCaptures: { 0: { name: 'punctuation.definition.comment.ts-mini' } },
    },
    { name: 'keyword.other.ts-mini', match: '\\b(?:const|let|await|async|function|return)\\b' },
  ],
};

let grammar;

before(async () => {
  const wasm = readFileSync(path.join(repo, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === HOST) return vsctm.parseRawGrammar(JSON.stringify(HOST_GRAMMAR), 'ts-mini.json');
      if (scopeName === INJECTION) return vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath);
      return null;
    },
    getInjections: (scopeName) => (scopeName === HOST ? [INJECTION] : undefined),
  });
  grammar = await registry.loadGrammar(HOST);
  assert.ok(grammar, 'host grammar did not load');
});

/** Tokenizes lines (carrying state across them); returns one token list per line. */
function tokenize(...lines) {
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Scopes of the token(s) covering `text` (the nth occurrence) in `line`; asserts they align. */
function scopesOf(tokens, line, text, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = line.indexOf(text, at + 1);
  assert.ok(at >= 0, `"${text}" not in "${line}"`);
  let offset = 0;
  const covering = [];
  for (const token of tokens) {
    const end = offset + token.text.length;
    if (end > at && offset < at + text.length) covering.push({ ...token, offset });
    offset = end;
  }
  assert.equal(covering[0].offset, at, `no token starts at "${text}" in ${JSON.stringify(tokens)}`);
  const joined = covering.map((t) => t.text).join('');
  assert.equal(joined, text, `"${text}" is split differently: ${JSON.stringify(covering.map((t) => t.text))}`);
  const scopeSets = covering.map((t) => t.scopes.join(' '));
  assert.ok(scopeSets.every((s) => s === scopeSets[0]), `"${text}" has mixed scopes: ${scopeSets.join(' | ')}`);
  return covering[0].scopes;
}

function assertScope(line, tokens, text, scope, nth = 0) {
  const scopes = scopesOf(tokens, line, text, nth);
  assert.ok(scopes.includes(scope), `"${text}" should have ${scope}, got ${scopes.join(' ')}`);
  const ours = scopes.filter((s) => OURS.test(s) && s !== 'meta.directive.loopguard');
  assert.deepEqual(ours, [scope], `"${text}" should carry only ${scope} from the injection`);
  return scopes;
}

function assertUntouched(tokens) {
  for (const token of tokens) {
    const ours = token.scopes.filter((s) => OURS.test(s));
    assert.deepEqual(ours, [], `"${token.text}" picked up ${ours.join(' ')}`);
  }
}

describe('loopguard directive injection grammar', () => {
  test('grammar file declares the injection', () => {
    const raw = JSON.parse(readFileSync(grammarPath, 'utf8'));
    assert.equal(raw.scopeName, INJECTION);
    assert.equal(raw.injectionSelector, 'L:comment');
  });

  test('next-line form: keyword, two rule ids, separator, reason', () => {
    const line = '// loopguard-ignore-next-line blocking-call, floating-promise -- startup only, before listen()';
    const [tokens] = tokenize(line);
    const kw = assertScope(line, tokens, 'loopguard-ignore-next-line', KEYWORD);
    assert.ok(kw.includes('comment.line.double-slash.ts-mini'), 'still inside the host comment');
    assertScope(line, tokens, 'blocking-call', RULE);
    assertScope(line, tokens, 'floating-promise', RULE);
    assertScope(line, tokens, '--', SEPARATOR);
    assertScope(line, tokens, 'startup only, before listen()', REASON);
    const slashes = scopesOf(tokens, line, '//');
    assert.ok(slashes.includes('punctuation.definition.comment.ts-mini'), 'the comment start stays the host\'s');
    assert.ok(!slashes.some((s) => OURS.test(s)));
  });

  test('same-line form trails code, which stays untouched', () => {
    const line = "const data = readFileSync('a.json'); // loopguard-ignore-line blocking-call -- read once at boot";
    const [tokens] = tokenize(line);
    assertScope(line, tokens, 'loopguard-ignore-line', KEYWORD);
    assertScope(line, tokens, 'blocking-call', RULE);
    assertScope(line, tokens, '--', SEPARATOR);
    assertScope(line, tokens, 'read once at boot', REASON);
    const code = tokens.filter((t) => !t.scopes.some((s) => s.startsWith('comment.')));
    assert.ok(code.some((t) => t.text.includes('readFileSync')), 'code before the comment is tokenized');
    assertUntouched(code);
  });

  test('file-level form', () => {
    const line = '// loopguard-ignore-file missing-await -- generated client, regenerated nightly';
    const [tokens] = tokenize(line);
    assertScope(line, tokens, 'loopguard-ignore-file', KEYWORD);
    assertScope(line, tokens, 'missing-await', RULE);
    assertScope(line, tokens, '--', SEPARATOR);
    assertScope(line, tokens, 'generated client, regenerated nightly', REASON);
  });

  test('block-comment form stops before */ and code after it is untouched', () => {
    const line = '/* loopguard-ignore-next-line floating-promise -- handled by the queue */ let x = 1;';
    const [tokens] = tokenize(line);
    assertScope(line, tokens, 'loopguard-ignore-next-line', KEYWORD);
    assertScope(line, tokens, 'floating-promise', RULE);
    assertScope(line, tokens, '--', SEPARATOR);
    const reason = assertScope(line, tokens, 'handled by the queue', REASON);
    assert.ok(reason.includes('comment.block.ts-mini'));
    const close = scopesOf(tokens, line, '*/');
    assert.ok(close.includes('punctuation.definition.comment.ts-mini'), `*/ should close the host comment: ${close}`);
    assert.ok(!close.some((s) => OURS.test(s)), '*/ is not part of the directive');
    const after = tokens.slice(tokens.findIndex((t) => t.text === '*/') + 1);
    assert.ok(after.some((t) => t.scopes.includes('keyword.other.ts-mini')), '`let` after the comment is code');
    assertUntouched(after);
  });

  test('every rule id is scoped as a rule', () => {
    const line = `// loopguard-ignore-next-line ${RULE_IDS.join(', ')} -- all of them`;
    const [tokens] = tokenize(line);
    for (const id of RULE_IDS) assertScope(line, tokens, id, RULE);
    assert.equal(tokens.filter((t) => t.scopes.includes(RULE)).length, RULE_IDS.length);
    assert.equal(tokens.filter((t) => t.scopes.includes('punctuation.separator.comma.loopguard')).length, RULE_IDS.length - 1);
  });

  test('unknown rule ids are marked invalid, known ones next to them are not', () => {
    const line = '// loopguard-ignore-line blocking-cal, await-in-loop blocking-call-x -- typo';
    const [tokens] = tokenize(line);
    assertScope(line, tokens, 'blocking-cal', UNKNOWN_RULE);
    assertScope(line, tokens, 'await-in-loop', RULE);
    assertScope(line, tokens, 'blocking-call-x', UNKNOWN_RULE);
    assertScope(line, tokens, 'typo', REASON);
  });

  test('text after -- is all reason, even if it looks like a rule id or another --', () => {
    const line = '// loopguard-ignore-next-line await-in-loop -- blocking-call is fine here -- really';
    const [tokens] = tokenize(line);
    assertScope(line, tokens, 'await-in-loop', RULE);
    assertScope(line, tokens, '--', SEPARATOR, 0);
    assertScope(line, tokens, 'blocking-call is fine here -- really', REASON);
  });

  test('directive without reason or without rules still scopes what is there', () => {
    const a = '// loopguard-ignore-next-line unbounded-concurrency';
    const [ta] = tokenize(a);
    assertScope(a, ta, 'loopguard-ignore-next-line', KEYWORD);
    assertScope(a, ta, 'unbounded-concurrency', RULE);
    const b = '//loopguard-ignore-file -- whole file is a benchmark';
    const [tb] = tokenize(b);
    assertScope(b, tb, 'loopguard-ignore-file', KEYWORD);
    assertScope(b, tb, '--', SEPARATOR);
    assertScope(b, tb, 'whole file is a benchmark', REASON);
  });

  test('plain comments are untouched, even when they mention rule ids', () => {
    for (const line of [
      '// a blocking-call here would hurt -- see docs',
      '/* floating-promise, missing-await -- not a directive */',
      '// TODO loopguard-ignore-line blocking-call -- only at the start of a comment counts',
      '// loopguard-ignore-lines blocking-call -- wrong keyword',
      '/** loopguard-ignore-next-line blocking-call -- doc comments are not directives */',
    ]) {
      const [tokens] = tokenize(line);
      assert.ok(tokens.every((t) => t.scopes.some((s) => s.startsWith('comment.'))), `host comment: ${line}`);
      assertUntouched(tokens);
    }
  });

  test('code and strings are untouched', () => {
    for (const line of [
      'const rule = blocking - call; await loopguard;',
      'const s = "// loopguard-ignore-line blocking-call -- in a string";',
      "let t = '/* loopguard-ignore-file missing-await -- in a string */';",
    ]) {
      const [tokens] = tokenize(line);
      assertUntouched(tokens);
      assert.ok(!tokens.some((t) => t.scopes.some((s) => s.startsWith('comment.'))), `no comment in: ${line}`);
    }
  });

  test('a directive in a multi-line block comment ends at the line end; the next lines are plain', () => {
    const lines = [
      '/* loopguard-ignore-file blocking-call -- CLI entry point',
      '   blocking-call mentioned again',
      '*/ const x = 1;',
    ];
    const [first, second, third] = tokenize(...lines);
    assertScope(lines[0], first, 'loopguard-ignore-file', KEYWORD);
    assertScope(lines[0], first, 'CLI entry point', REASON);
    assert.ok(second.every((t) => t.scopes.includes('comment.block.ts-mini')));
    assertUntouched(second);
    assertUntouched(third);
    assert.ok(third.some((t) => t.scopes.includes('keyword.other.ts-mini')), 'code resumes after */');
  });
});
