// The editor-loop edits of bench/run.mjs on real files, shared by the Loop Guard measure (over
// LSP) and the warm ESLint peer (bench/eslint-warm.mjs), so that both see the same edits.
//
// Five kinds of position, found with the TypeScript AST of the original text:
//   async-body   the first async method (or function) with a block body: just after its `{`
//   sync-body    the first non-async method with a block body: just after its `{`
//   class-member after the last member of the class holding the most members
//   import       after the last import declaration
//   eof          the end of the file
// Each edit is { offset, remove, insert } on the text as it is when it is applied. Edits come in
// pairs, insert then remove, so that the file stays valid and returns to its original text after
// every pair (positions found once stay right).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ts } = require('@ts-morph/common');

export const EDIT_KINDS = [
  ['async-body', 'inside an async method body'],
  ['sync-body', 'inside a sync method body'],
  ['class-member', 'a new class member'],
  ['import', 'an import line'],
  ['eof', 'the end of the file'],
];

/** Offsets (in `text`) where each kind of edit goes; a kind the file does not have is absent. */
export function editPositions(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const positions = {};
  const isAsync = (node) => ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async;
  let biggestClass;
  let lastImport;
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) lastImport = node;
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      if (node.members.length && (!biggestClass || node.members.length > biggestClass.members.length)) biggestClass = node;
    }
    const body = (ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) && node.body && ts.isBlock(node.body) ? node.body : undefined;
    if (body) {
      const inside = body.getStart(source) + 1;
      if (isAsync(node)) {
        // Methods first: an async method is what the issue names; a function is the fallback.
        if (ts.isMethodDeclaration(node) && positions['async-body'] === undefined) positions['async-body'] = inside;
        else if (positions.asyncFunction === undefined) positions.asyncFunction = inside;
      } else if (ts.isMethodDeclaration(node) && !node.asteriskToken && positions['sync-body'] === undefined) positions['sync-body'] = inside;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  positions['async-body'] ??= positions.asyncFunction;
  delete positions.asyncFunction;
  if (biggestClass) positions['class-member'] = biggestClass.members.at(-1).end;
  if (lastImport) positions.import = lastImport.end;
  positions.eof = text.length;
  for (const key of Object.keys(positions)) if (positions[key] === undefined) delete positions[key];
  const importSpecifier = lastImport && ts.isStringLiteral(lastImport.moduleSpecifier) ? lastImport.moduleSpecifier.text : undefined;
  return { positions, importSpecifier, lines: text.split('\n').length };
}

/** The text inserted by edit pair `n` of `kind` (it keeps the file valid and its types unchanged, except for the new member). */
function insertion(kind, n, importSpecifier) {
  switch (kind) {
    case 'async-body':
    case 'sync-body':
      return ` void ${n};`;
    case 'class-member':
      return `\n  private __bench${n} = ${n};`;
    case 'import':
      return `\nimport type {} from ${JSON.stringify(importSpecifier)};`;
    case 'eof':
      return `\nvoid ${n};\n`;
    default:
      throw new Error(`unknown edit kind ${kind}`);
  }
}

/** `count` edits of `kind` (insert, remove, insert, ...) at `offset`. */
export function editsFor(kind, offset, count, importSpecifier) {
  const edits = [];
  for (let i = 0; i < count; i++) {
    const text = insertion(kind, i >> 1, importSpecifier);
    edits.push(i % 2 === 0 ? { offset, remove: 0, insert: text } : { offset, remove: text.length, insert: '' });
  }
  if (count % 2) edits.push({ offset, remove: insertion(kind, (count - 1) >> 1, importSpecifier).length, insert: '', unmeasured: true });
  return edits;
}

export function applyEdit(text, edit) {
  return text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.remove);
}

/** The LSP range of an edit on `text` (before it is applied). */
export function lspRange(text, edit) {
  const position = (offset) => {
    let line = 0;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, character: offset - lineStart };
  };
  return { start: position(edit.offset), end: position(edit.offset + edit.remove) };
}
