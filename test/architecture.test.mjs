// Invariants of ARCHITECTURE.md that a file scan can check: the engine knows nothing of LSP, the
// CLI or VS Code; the engine's cache names no rule; the client does not import the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { engineModule, repoRoot } from './helpers/engine.mjs';

function sourcesUnder(folder) {
  return readdirSync(path.join(repoRoot, folder), { recursive: true })
    .map((name) => path.join(folder, String(name)))
    .filter((name) => name.endsWith('.ts'));
}

function importsOf(file) {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  // Import and export declarations start a line; text inside strings and comments (rule docs quote
  // code) does not.
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]/gm)].map((match) => match[1] ?? match[2]);
}

test('the engine imports nothing of LSP, the CLI or VS Code', () => {
  const forbidden = /^(vscode|vscode-languageserver.*|vscode-languageclient.*)$|(^|\/)(lsp|cli)(\/|$)|\/(server|cli)$/;
  const offending = sourcesUnder('server/src/engine').flatMap((file) =>
    importsOf(file).filter((specifier) => forbidden.test(specifier)).map((specifier) => `${file}: ${specifier}`),
  );
  assert.deepEqual(offending, []);
});

test('rules import only the engine (no adapter, no other rule)', () => {
  const offending = sourcesUnder('server/src/rules').flatMap((file) =>
    importsOf(file)
      // Resolved from the importing file: rules/python/*.ts reach the engine as ../../engine/...
      .filter((specifier) => specifier.startsWith('.') && !path.join(path.dirname(file), specifier).startsWith(path.join('server/src/engine')) && !(file === path.join('server/src/rules', 'index.ts') && specifier.startsWith('./')))
      .map((specifier) => `${file}: ${specifier}`),
  );
  assert.deepEqual(offending, []);
});

test("engine.ts names no rule id (the cache contract is recorded, not special-cased per rule)", () => {
  const text = readFileSync(path.join(repoRoot, 'server/src/engine/engine.ts'), 'utf8');
  const named = engineModule.RULES.map((rule) => rule.id).filter((id) => text.includes(`'${id}'`) || text.includes(`"${id}"`));
  assert.deepEqual(named, []);
});

test('the client imports no server code but the shared protocol definitions', () => {
  const offending = sourcesUnder('client/src').flatMap((file) =>
    importsOf(file)
      .filter((specifier) => specifier.includes('server/') && !specifier.endsWith('server/src/lsp/protocol'))
      .map((specifier) => `${file}: ${specifier}`),
  );
  assert.deepEqual(offending, []);
});

test('the Python analysis keeps facts about a tree or a name table on it (memo.ts), in no WeakMap keyed by it, and builds no getter in an object literal', () => {
  // A WeakMap's values, and a getter made per call (V8 keeps it in the object's map), survive the
  // young generation's collections: each edit's analysis would be promoted (ARCHITECTURE.md).
  const files = [...sourcesUnder('server/src/engine/python'), ...sourcesUnder('server/src/rules/python'), 'server/src/engine/baseline.ts', 'server/src/engine/engine.ts', 'server/src/engine/findings.ts'];
  const offending = files.flatMap((file) => {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    const weakMaps = [...text.matchAll(/new WeakMap<([^,>]+)/g)].map((match) => match[1]).filter((key) => key !== 'Language');
    const literalGetters = [...text.matchAll(/[{,]\s*get \w+\(\)/g)];
    return [...weakMaps.map((key) => `${file}: WeakMap keyed by ${key}`), ...literalGetters.map(() => `${file}: getter in an object literal`)];
  });
  assert.deepEqual(offending, []);
});
