#!/usr/bin/env node
// A stand-in for `loopguard <dir>` on Python files while the CLI does not take them: the engine
// bundle analyses every `.py` file under the given folders (skipping .git, __pycache__,
// node_modules) with the registered rules, as the CLI would, and writes the findings as JSON.
// bench/python.mjs uses it only when the CLI says ".py: not a JavaScript or TypeScript file".
//
//   node bench/python-engine-cli.mjs --engine dist/engine.js [--output report.json] dir...
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { listPy } from './python-files.mjs';

const args = process.argv.slice(2);
const take = (name) => {
  const index = args.indexOf(`--${name}`);
  if (index < 0) return undefined;
  return args.splice(index, 2)[1];
};
const enginePath = path.resolve(take('engine') ?? 'dist/engine.js');
const output = take('output');
const { Engine, RULES, PYTHON_RULES, normalizeSettings, preparePython } = createRequire(import.meta.url)(enginePath);
await preparePython();
const root = process.cwd();
const settings = normalizeSettings({}, [...RULES, ...PYTHON_RULES].map((rule) => rule.id)).settings;
const engine = new Engine({ rules: RULES, pythonRules: PYTHON_RULES, settings, root, log: () => {}, unitCache: false });
const findings = [];
for (const dir of args.length ? args : ['.']) {
  for (const file of listPy(path.resolve(dir))) {
    for (const finding of engine.analyzeFile(file).findings) findings.push({ ruleId: finding.ruleId, severity: finding.severity, message: finding.message, file: path.relative(root, finding.fileName), start: finding.start, end: finding.end });
  }
}
const text = `${JSON.stringify(findings, null, 2)}\n`;
if (output) writeFileSync(output, text);
else process.stdout.write(text);
process.exitCode = findings.length ? 1 : 0;
