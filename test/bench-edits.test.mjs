// The real-code editor loop of the bench (bench/real-edits.mjs): each kind of edit lands where
// its name says, keeps the file free of syntax errors, and every pair restores the original text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { EDIT_KINDS, applyEdit, editPositions, editsFor, lspRange } from '../bench/real-edits.mjs';

const require = createRequire(import.meta.url);
const { ts } = require('@ts-morph/common');

const SOURCE = `import { a } from './a';
import type { B } from "./b";

export function helper(): number {
  return 1;
}

export class Service {
  private count = 0;
  get size(): number {
    return this.count;
  }
  *items() {
    yield 1;
  }
  refresh(): void {
    this.count++;
  }
  async load(): Promise<void> {
    await a();
  }
}

class Small {
  x = 1;
}
`;

const syntaxErrors = (text) => ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true).parseDiagnostics.length;
const lineOf = (text, offset) => text.slice(0, offset).split('\n').length;

test('positions: first async method body, first sync method body (not an accessor or generator), the biggest class, the last import, the end', () => {
  const { positions, importSpecifier } = editPositions('x.ts', SOURCE);
  assert.equal(lineOf(SOURCE, positions['async-body']), 19);
  assert.equal(SOURCE[positions['async-body'] - 1], '{');
  assert.equal(lineOf(SOURCE, positions['sync-body']), 16);
  assert.equal(lineOf(SOURCE, positions['class-member']), 21, 'after the last member of Service, not of Small');
  assert.equal(lineOf(SOURCE, positions.import), 2);
  assert.equal(positions.eof, SOURCE.length);
  assert.equal(importSpecifier, './b');
});

test('a file without classes or imports has only the kinds it can have', () => {
  const { positions } = editPositions('y.ts', 'export const x = async () => {\n  return 1;\n};\n');
  assert.deepEqual(Object.keys(positions).sort(), ['async-body', 'eof']);
});

test('every kind: edits keep the file valid, pairs restore the text, and LSP ranges match the offsets', () => {
  const { positions, importSpecifier } = editPositions('x.ts', SOURCE);
  for (const [kind] of EDIT_KINDS) {
    let text = SOURCE;
    const edits = editsFor(kind, positions[kind], 5, importSpecifier);
    assert.equal(edits.filter((e) => !e.unmeasured).length, 5);
    assert.equal(edits.length, 6, 'an odd count ends with an unmeasured removal');
    for (const edit of edits) {
      const range = lspRange(text, edit);
      const lines = text.split('\n');
      const offsetOf = (p) => lines.slice(0, p.line).join('\n').length + (p.line ? 1 : 0) + p.character;
      assert.equal(offsetOf(range.start), edit.offset);
      assert.equal(offsetOf(range.end), edit.offset + edit.remove);
      text = applyEdit(text, edit);
      assert.equal(syntaxErrors(text), 0, `${kind}: ${JSON.stringify(edit)}`);
      if (edit.insert) assert.notEqual(text, SOURCE);
    }
    assert.equal(text, SOURCE, `${kind}: back to the original text`);
  }
});
