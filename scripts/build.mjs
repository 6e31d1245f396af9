// Bundles the three entry points with esbuild. Everything the extension and CLI need at run time
// ends up inside dist/, so the .vsix ships no node_modules.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
  define: { LOOPGUARD_VERSION: JSON.stringify(version) },
  // jsonc-parser's `main` is a UMD build whose lazy require('./impl/...') calls esbuild cannot see;
  // its ES module build bundles cleanly.
  // web-tree-sitter's ES module build finds its runtime through import.meta.url, which a CommonJS
  // bundle does not have; its CommonJS build uses __dirname (and we pass locateFile anyway).
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js', 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The engine alone, for the tests (not shipped in the .vsix).
  build({ ...common, entryPoints: ['server/src/engine/index.ts'], outfile: 'dist/engine.js' }),
]);
chmodSync('dist/cli.js', 0o755);
// The Python parser's WebAssembly (web-tree-sitter's runtime and the Python grammar), found beside the bundles.
copyFileSync('node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm');
copyFileSync('node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm');
