// Builds throwaway workspaces of hostile files in the temp folder (never under test/fixtures,
// whose tsconfig other suites compile).
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DEPTH = 10_000;

export const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, allowJs: true, noEmit: true, skipLibCheck: true, types: [] },
  include: ['**/*'],
});

/** One blocking call inside an async function: the finding every positional test looks for. */
export function blockingSnippet(newline = '\n', prefix = '') {
  return [`import * as fs from 'node:fs';`, `export async function load(): Promise<string> {`, `  ${prefix}return fs.readFileSync('/tmp/x', 'utf8');`, `}`, ``].join(newline);
}

export const HOSTILE = {
  'empty.ts': '',
  'whitespace.ts': ' \n\t\r\n',
  'big.ts': () => 'export const a = 1;\n'.repeat(Math.ceil((5 * 1024 * 1024) / 20)),
  'deep-parens.ts': () => `export const x = ${'('.repeat(DEPTH)}1${')'.repeat(DEPTH)};\n`,
  'deep-arrays.ts': () => `export const x = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)};\n`,
  'deep-calls.ts': () => `declare function f(x?: unknown): unknown;\nexport const x = ${'f('.repeat(DEPTH)}${')'.repeat(DEPTH)};\n`,
  'deep-chain.ts': () => `export const x = ${Array(DEPTH).fill('1').join(' + ')};\n`,
  'binary.ts': () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
  'binary-no-nul.ts': () => Buffer.from(Array.from({ length: 4096 }, (_, i) => 1 + ((i * 7919) % 255))),
  'bom.ts': () => `\uFEFF${blockingSnippet()}`,
  'crlf.ts': () => blockingSnippet('\r\n'),
  'cr.ts': () => blockingSnippet('\r'),
  'emoji.ts': () => blockingSnippet('\n', `const s = '😀🎉𝒳'; `),
  'unterminated.ts': '`${ /* ',
};

export function makeWorkspace(files = HOSTILE, { tsconfig = TSCONFIG } = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-robust-'));
  if (tsconfig !== undefined) writeFileSync(path.join(root, 'tsconfig.json'), tsconfig);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'function' ? content() : content);
  }
  return { root, file: (name) => path.join(root, name), dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export function symlinkLoop(root) {
  mkdirSync(path.join(root, 'loop'), { recursive: true });
  symlinkSync(root, path.join(root, 'loop', 'back'), 'dir');
  symlinkSync(path.join(root, 'loop', 'self'), path.join(root, 'loop', 'self'));
}

/** Where `needle` is in `text`, as LSP counts it: 0-based line and UTF-16 column; CR, LF, CRLF end lines. */
export function lspPosition(text, needle) {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines.at(-1).length };
}
