// mayBeNullishByDeclaration (server/src/engine/analysis/declaredNullability.ts): with
// strictNullChecks off the checker erases `| null`, so "in progress" promise-or-null fields look
// always-true; the declaration (annotation, `= null`, JSDoc, getter) still says they may be null.
// Each `if` line in the fixtures ends with `// nullish` or `// not nullish`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { engineModule, fixturesRoot } from './helpers/engine.mjs';

const { ts, mayBeNullishByDeclaration } = engineModule;
const dir = path.join(fixturesRoot, 'declared-nullability');

for (const name of ['fields.ts', 'fields.js']) {
  test(`mayBeNullishByDeclaration: ${name} (strictNullChecks off)`, () => {
    const file = path.join(dir, name);
    const program = ts.createProgram([file], { strict: false, strictNullChecks: false, allowJs: true, checkJs: true, noEmit: true, target: ts.ScriptTarget.ES2022 });
    const checker = program.getTypeChecker();
    const sourceFile = program.getSourceFile(file);
    const results = [];
    const visit = (node) => {
      if (ts.isIfStatement(node)) {
        const line = sourceFile.text.slice(node.getStart(sourceFile), sourceFile.text.indexOf('\n', node.getStart(sourceFile)));
        const marker = /\/\/ (not nullish|nullish)$/.exec(line);
        if (marker) results.push({ line: line.trim(), expected: marker[1] === 'nullish', actual: mayBeNullishByDeclaration(node.expression, checker) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    assert.ok(results.length >= 4);
    assert.deepEqual(results.filter((result) => result.expected !== result.actual).map((result) => result.line), []);
  });
}
