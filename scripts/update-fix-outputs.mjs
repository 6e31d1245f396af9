// Update mode for the fix outputs (test/fixtures/rules/<rule-id>/fixes/, see
// test/helpers/fixCases.mjs): runs every case against the built engine (dist/, so build first:
// `npm run test:update-fixes` does), rewrites each `.out` from what the fix produces now, removes
// outputs that no case produces any more, and prints what changed for review. Cases whose
// checks fail (no such fix, syntax or type errors, the finding left in place...) are listed and
// make the exit code 1; an output they still produce is written so the diff shows what the fix
// does, and one they no longer produce is kept.
//   node scripts/update-fix-outputs.mjs [rule-id ...]
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listFixCases, outputPath, registeredRuleIds, runFixCase, strayOutputs } from '../test/helpers/fixCases.mjs';
import { repoRoot } from '../test/helpers/engine.mjs';

const only = process.argv.slice(2);
const ruleIds = registeredRuleIds().filter((ruleId) => only.length === 0 || only.includes(ruleId));
const changes = [];
const failures = [];
let count = 0;

function diff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return [`@@ line ${start + 1}`, ...a.slice(start, a.length - end).map((line) => `- ${line}`), ...b.slice(start, b.length - end).map((line) => `+ ${line}`)].join('\n');
}

for (const ruleId of ruleIds) {
  for (const fixCase of listFixCases(ruleId)) {
    count++;
    const { problems, outputs } = runFixCase(fixCase);
    const label = `${ruleId}/${fixCase.name}`;
    if (problems.length) failures.push(`${label}\n    ${problems.join('\n    ')}`);
    const produced = new Set();
    for (const [file, text] of outputs) {
      const out = outputPath(file);
      produced.add(out);
      const old = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
      if (old === text) continue;
      writeFileSync(out, text);
      changes.push(`${old === undefined ? 'added' : 'updated'} ${path.relative(repoRoot, out)}${old === undefined ? '' : `\n${diff(old, text)}`}`);
    }
    // Outputs of this case the fix no longer produces (a file it stopped editing, or no fix at all);
    // a case whose checks fail before any output keeps its old outputs until it is fixed.
    if (problems.length && outputs.size === 0) continue;
    for (const file of fixCase.files) {
      const out = outputPath(file);
      if (!produced.has(out) && existsSync(out)) {
        rmSync(out);
        changes.push(`removed ${path.relative(repoRoot, out)}`);
      }
    }
  }
  for (const out of strayOutputs(ruleId)) {
    rmSync(out);
    changes.push(`removed ${path.relative(repoRoot, out)} (no case)`);
  }
}

console.log(changes.length ? changes.join('\n') : 'no output changed');
console.log(`${count} fix cases, ${changes.length} outputs changed`);
if (failures.length) {
  console.log(`\n${failures.length} cases fail their checks:\n${failures.join('\n')}`);
  process.exit(1);
}
