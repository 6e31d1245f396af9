// A build of the CLI whose registry has the scratch Python rules (scratchPythonRules.mjs) in place
// of the real ones, so the CLI tests for Python files need none of the real Python rules: the same
// esbuild settings as scripts/build.mjs, with `rules` imports sent to scratchPythonRegistry.mjs.
// Written to a temp folder with the parser's WebAssembly beside it, as in dist/.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './engine.mjs';

export async function buildScratchPythonCli() {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-pycli-')));
  process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
  const dist = path.join(folder, 'dist');
  fs.mkdirSync(dist);
  const registry = path.join(repoRoot, 'test/helpers/scratchPythonRegistry.mjs');
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  await build({
    absWorkingDir: repoRoot,
    entryPoints: ['server/src/cli.ts'],
    outfile: path.join(dist, 'cli.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    define: { LOOPGUARD_VERSION: JSON.stringify(version) },
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js', 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
    plugins: [
      {
        name: 'scratch-python-registry',
        setup(builder) {
          builder.onResolve({ filter: /(^|\/)rules$/ }, (args) => (args.importer.startsWith(path.join(repoRoot, 'server/src')) ? { path: registry } : undefined));
        },
      },
    ],
  });
  for (const wasm of ['web-tree-sitter.wasm', 'tree-sitter-python.wasm']) fs.copyFileSync(path.join(repoRoot, 'dist', wasm), path.join(dist, wasm));
  // The concept pages SARIF embeds are read from the package root (dist/..).
  fs.symlinkSync(path.join(repoRoot, 'docs'), path.join(folder, 'docs'), 'dir');
  return path.join(dist, 'cli.js');
}
