// The suppression-directive injection grammar in Python comments: tokenizes samples with
// vscode-textmate + vscode-oniguruma under a small host grammar shaped like VS Code's Python
// grammar (MagicPython: `comment.line.number-sign.python` begun by a captured `#`, strings,
// docstrings), as test/grammar.test.mjs does for JS/TS; and checks the manifest injects it into
// `source.python` and the known ids come from both registries.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';
import { engineModule, repoRoot } from './helpers/engine.mjs';
import { GRAMMAR_FILE, renderGrammar } from '../scripts/gen.mjs';
import { scratchPythonRule } from './helpers/scratchPythonRule.mjs';

const INJECTION = 'loopguard.directives.injection';
const HOST = 'source.python';
const KEYWORD = 'keyword.control.directive.loopguard';
const RULE = 'entity.name.tag.rule.loopguard';
const UNKNOWN_RULE = 'invalid.illegal.rule.loopguard';
const SEPARATOR = 'punctuation.separator.reason.loopguard';
const REASON = 'string.unquoted.reason.loopguard';
const OURS = /\.loopguard$/;
const PYTHON_ONLY = 'scratch-sleep-in-async';

// Test-only host grammar: the parts of MagicPython a comment directive meets.
const HOST_GRAMMAR = {
  scopeName: HOST,
  patterns: [
    { name: 'string.quoted.docstring.multi.python', begin: '"""', end: '"""' },
    { name: 'string.quoted.single.python', begin: "'", end: "'|$", patterns: [{ match: '\\\\.' }] },
    { name: 'string.quoted.double.python', begin: '"', end: '"|$', patterns: [{ match: '\\\\.' }] },
    {
      name: 'comment.line.number-sign.python',
      begin: '(\\#)',
      beginCaptures: { 1: { name: 'punctuation.definition.comment.python' } },
      end: '($)',
      patterns: [{ match: '(?:\\b(NOTE|XXX|HACK|FIXME|BUG|TODO)\\b)', name: 'keyword.codetag.notation.python' }],
    },
    { name: 'storage.type.function.async.python', match: '\\basync\\b' },
    { name: 'keyword.control.flow.python', match: '\\b(?:await|return|def|import)\\b' },
  ],
};

// The grammar as the generator writes it with a scratch Python-only rule registered as well.
const grammarText = renderGrammar([...engineModule.RULES, ...engineModule.PYTHON_RULES, scratchPythonRule(PYTHON_ONLY)], readFileSync(path.join(repoRoot, GRAMMAR_FILE), 'utf8'));
let grammar;

before(async () => {
  const wasm = readFileSync(path.join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (sources) => new oniguruma.OnigScanner(sources), createOnigString: (text) => new oniguruma.OnigString(text) }),
    loadGrammar: async (scopeName) => {
      if (scopeName === HOST) return vsctm.parseRawGrammar(JSON.stringify(HOST_GRAMMAR), 'python-mini.json');
      if (scopeName === INJECTION) return vsctm.parseRawGrammar(grammarText, 'injection.json');
      return null;
    },
    getInjections: (scopeName) => (scopeName === HOST ? [INJECTION] : undefined),
  });
  grammar = await registry.loadGrammar(HOST);
});

function tokenize(...lines) {
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

function scopesOf(tokens, line, text) {
  const at = line.indexOf(text);
  assert.ok(at >= 0, `"${text}" not in "${line}"`);
  let offset = 0;
  const covering = [];
  for (const token of tokens) {
    const end = offset + token.text.length;
    if (end > at && offset < at + text.length) covering.push({ ...token, offset });
    offset = end;
  }
  assert.equal(covering[0].offset, at, `no token starts at "${text}": ${JSON.stringify(tokens)}`);
  assert.equal(covering.map((t) => t.text).join(''), text, `"${text}" is split: ${JSON.stringify(covering.map((t) => t.text))}`);
  return covering[0].scopes;
}

function assertScope(line, tokens, text, scope) {
  const scopes = scopesOf(tokens, line, text);
  assert.deepEqual(scopes.filter((s) => OURS.test(s) && s !== 'meta.directive.loopguard'), [scope], `"${text}": ${scopes.join(' ')}`);
  assert.ok(scopes.includes('comment.line.number-sign.python'), `"${text}" stays inside the Python comment`);
}

function assertUntouched(tokens) {
  for (const token of tokens) assert.deepEqual(token.scopes.filter((s) => OURS.test(s)), [], `"${token.text}" picked up our scopes`);
}

describe('loopguard directive injection grammar in Python comments', () => {
  test('package.json injects the grammar into source.python as into the JS/TS scopes', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const entry = manifest.contributes.grammars.find((grammarEntry) => grammarEntry.scopeName === INJECTION);
    assert.ok(entry.injectTo.includes('source.python'));
    assert.ok(entry.injectTo.includes('source.ts'));
    assert.equal(JSON.parse(readFileSync(path.join(repoRoot, GRAMMAR_FILE), 'utf8')).injectionSelector, 'L:comment');
  });

  test('next-line form: keyword, rule ids (a Python-only one too), separator, reason', () => {
    const line = `# loopguard-ignore-next-line blocking-call, ${PYTHON_ONLY} -- start-up only, before the loop runs`;
    const [tokens] = tokenize(line);
    assertScope(line, tokens, 'loopguard-ignore-next-line', KEYWORD);
    assertScope(line, tokens, 'blocking-call', RULE);
    assertScope(line, tokens, PYTHON_ONLY, RULE);
    assertScope(line, tokens, '--', SEPARATOR);
    assertScope(line, tokens, 'start-up only, before the loop runs', REASON);
    const hash = scopesOf(tokens, line, '#');
    assert.ok(hash.includes('punctuation.definition.comment.python') && !hash.some((s) => OURS.test(s)), 'the # stays the host\'s');
  });

  test('same-line form after code, indented; the code stays untouched', () => {
    const line = '    time.sleep(0.1)  # loopguard-ignore-line blocking-call -- 100 ms at shutdown';
    const [tokens] = tokenize(line);
    assertScope(line, tokens, 'loopguard-ignore-line', KEYWORD);
    assertScope(line, tokens, 'blocking-call', RULE);
    assertScope(line, tokens, '100 ms at shutdown', REASON);
    assertUntouched(tokens.filter((t) => !t.scopes.some((s) => s.startsWith('comment.'))));
  });

  test('file form without a space after #, and unknown ids marked invalid', () => {
    const line = '#loopguard-ignore-file blocking-cal, await-in-loop -- generated module';
    const [tokens] = tokenize(line);
    assertScope(line, tokens, 'loopguard-ignore-file', KEYWORD);
    assertScope(line, tokens, 'blocking-cal', UNKNOWN_RULE);
    assertScope(line, tokens, 'await-in-loop', RULE);
    assertScope(line, tokens, 'generated module', REASON);
  });

  test('plain comments, strings, docstrings and code are untouched', () => {
    const lines = [
      '# TODO loopguard-ignore-line blocking-call -- only at the start of a comment counts',
      '# a blocking-call here would hurt -- see docs',
      'x = "# loopguard-ignore-line blocking-call -- in a string"',
      "y = '# loopguard-ignore-file blocking-call'",
      '"""',
      '# loopguard-ignore-next-line blocking-call -- inside a docstring',
      '"""',
      'async def loopguard_ignore_line(): return blocking - call',
    ];
    for (const tokens of tokenize(...lines)) assertUntouched(tokens);
  });

  test('the committed grammar lists every registered id, Python ones included', () => {
    const match = JSON.parse(readFileSync(path.join(repoRoot, GRAMMAR_FILE), 'utf8')).repository['known-rule'].match;
    for (const id of engineModule.RULE_IDS) assert.ok(new RegExp(match).test(id), id);
  });
});
