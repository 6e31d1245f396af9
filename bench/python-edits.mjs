// The editor-loop edits of bench/run.mjs on Python files: the same contract as bench/real-edits.mjs
// (EDIT_KINDS, editPositions, editsFor; applyEdit and lspRange are shared), so that
// bench/editor-real.mjs runs the same loop over them.
//
// Five kinds of position, found with tree-sitter's Python grammar (the one the engine uses):
//   async-body    the first `async def` method (else function) with a block body: a new first statement
//   sync-body     the first plain `def` method (else function) with a block body: a new first statement
//   top-level-def after the last top-level function or class: a new `def`
//   import        after the last top-level import: a new import of the same module
//   eof           the end of the file
// Edits come in pairs, insert then remove, so that the file stays valid and returns to its
// original text after every pair.
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
const parser = new Parser();
parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));

export { applyEdit, lspRange } from './real-edits.mjs';

export const EDIT_KINDS = [
  ['async-body', 'inside an async def body'],
  ['sync-body', 'inside a sync def body'],
  ['top-level-def', 'a new top-level def'],
  ['import', 'an import line'],
  ['eof', 'the end of the file'],
];

const isAsync = (def) => def.children.some((child) => child?.type === 'async');
const isMethod = (def) => def.parent?.type === 'block' && def.parent.parent?.type === 'class_definition';

/** Whether `text` parses without ERROR or MISSING nodes (for the tests). */
export function pythonSyntaxOk(text) {
  const tree = parser.parse(text);
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

/**
 * Offsets (in `text`) where each kind of edit goes; a kind the file does not have is absent.
 * `importSpecifier` (the name bench/editor-real.mjs passes back to editsFor) holds what the
 * insertions need: the indentation of each body, the import statement to repeat.
 */
export function editPositions(fileName, text) {
  const tree = parser.parse(text);
  const positions = {};
  const context = { indent: {} };
  try {
    const found = {};
    // Iterative pre-order walk (deep expressions cannot overflow the stack).
    const stack = [tree.rootNode];
    while (stack.length) {
      const node = stack.pop();
      if (node.type === 'function_definition') {
        const body = node.childForFieldName('body');
        const first = body?.namedChildren.find((child) => child && child.type !== 'comment');
        if (first) {
          const lineStart = text.lastIndexOf('\n', first.startIndex - 1) + 1;
          const indent = text.slice(lineStart, first.startIndex);
          if (/^[ \t]+$/.test(indent)) {
            // Methods first, as in the TS loop; a function is the fallback.
            const kind = `${isAsync(node) ? 'async' : 'sync'}-${isMethod(node) ? 'method' : 'function'}`;
            found[kind] ??= { offset: lineStart, indent };
          }
        }
      }
      for (let i = node.namedChildCount - 1; i >= 0; i--) stack.push(node.namedChild(i));
    }
    for (const kind of ['async', 'sync']) {
      const where = found[`${kind}-method`] ?? found[`${kind}-function`];
      if (where) {
        positions[`${kind}-body`] = where.offset;
        context.indent[`${kind}-body`] = where.indent;
      }
    }
    let lastDef;
    let lastImport;
    for (const statement of tree.rootNode.namedChildren) {
      if (!statement) continue;
      const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      if (definition?.type === 'function_definition' || definition?.type === 'class_definition') lastDef = statement;
      if (statement.type === 'import_statement' || statement.type === 'import_from_statement') lastImport = statement;
    }
    if (lastDef) positions['top-level-def'] = lastDef.endIndex;
    if (lastImport) {
      positions.import = lastImport.endIndex;
      if (lastImport.type === 'import_from_statement') {
        const module = lastImport.childForFieldName('module_name').text;
        const name = lastImport.childForFieldName('name');
        const imported = name?.type === 'aliased_import' ? name.childForFieldName('name').text : (name?.text ?? '*');
        context.importLine = imported === '*' ? undefined : (alias) => `from ${module} import ${imported} as ${alias}`;
      } else {
        const name = lastImport.childForFieldName('name');
        const module = name?.type === 'aliased_import' ? name.childForFieldName('name').text : name?.text;
        context.importLine = module ? (alias) => `import ${module} as ${alias}` : undefined;
      }
      if (!context.importLine) delete positions.import;
    }
    positions.eof = text.length;
  } finally {
    tree.delete();
  }
  return { positions, importSpecifier: context, lines: text.split('\n').length };
}

/** The text inserted by edit pair `n` of `kind` (valid Python; it binds a new name and changes nothing else). */
function insertion(kind, n, context) {
  switch (kind) {
    case 'async-body':
    case 'sync-body':
      return `${context.indent[kind]}_bench_${n} = ${n}\n`;
    case 'top-level-def':
      return `\n\n\ndef _bench_def_${n}() -> int:\n    return ${n}`;
    case 'import':
      return `\n${context.importLine(`_bench_import_${n}`)}`;
    case 'eof':
      return `\n_bench_${n} = ${n}\n`;
    default:
      throw new Error(`unknown edit kind ${kind}`);
  }
}

/** `count` edits of `kind` (insert, remove, insert, ...) at `offset`; `context` is editPositions' `importSpecifier`. */
export function editsFor(kind, offset, count, context = { indent: {} }) {
  const edits = [];
  for (let i = 0; i < count; i++) {
    const text = insertion(kind, i >> 1, context);
    edits.push(i % 2 === 0 ? { offset, remove: 0, insert: text } : { offset, remove: text.length, insert: '' });
  }
  if (count % 2) edits.push({ offset, remove: insertion(kind, (count - 1) >> 1, context).length, insert: '', unmeasured: true });
  return edits;
}
