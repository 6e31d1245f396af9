// Python parsing: tree-sitter's Python grammar in WebAssembly (web-tree-sitter), so the extension and
// the CLI ship no native code. Loading the WebAssembly is asynchronous; parsing is synchronous once it
// is loaded. Adapters call `preparePython()` before analysing `.py` files; the engine reports a clear
// note for a Python file analysed before that.
//
// The two `.wasm` files are copied next to the bundles by scripts/build.mjs (dist/web-tree-sitter.wasm,
// dist/tree-sitter-python.wasm); run from sources (tests of unbundled code), they are found in
// node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Edit, Language, Parser } from 'web-tree-sitter';
import { changedSpan } from '../textChange';
import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

export type { SyntaxNode, Tree };

const RUNTIME_WASM = 'web-tree-sitter.wasm';
const PYTHON_WASM = 'tree-sitter-python.wasm';

let loading: Promise<void> | undefined;
let pythonLanguage: Language | undefined;
let parser: Parser | undefined;
let loadError: string | undefined;

/** Where a wasm file is: beside the bundle (dist/), else in node_modules (unbundled code). */
function wasmPath(file: string, packageName: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file);
}

/** Loads the parser once; later calls return the same promise. Never rejects: a failure is kept for `pythonUnavailable()`. */
export function preparePython(): Promise<void> {
  loading ??= (async () => {
    try {
      const runtime = wasmPath(RUNTIME_WASM, 'web-tree-sitter');
      await Parser.init({ locateFile: () => runtime });
      pythonLanguage = await Language.load(wasmPath(PYTHON_WASM, 'tree-sitter-python'));
      parser = new Parser();
      parser.setLanguage(pythonLanguage);
    } catch (error) {
      loadError = error instanceof Error ? error.message : String(error);
    }
  })();
  return loading;
}

/** Why Python files cannot be parsed now (not prepared yet, or the grammar failed to load); undefined when they can. */
export function pythonUnavailable(): string | undefined {
  if (parser) return undefined;
  if (loadError) return `the Python parser could not be loaded (${loadError})`;
  return 'the Python parser is not loaded yet (the adapter must await preparePython())';
}

export function isPythonFile(fileName: string): boolean {
  return fileName.endsWith('.py');
}

/**
 * Parses `text`. With the previous tree of the same file and its text, tree-sitter re-parses
 * incrementally: the changed range is found by comparing the texts (common prefix and suffix),
 * the old tree is told about the edit, and unchanged subtrees are reused.
 */
export function parsePython(text: string, previous?: { tree: Tree; text: string }): Tree {
  if (!parser) throw new Error(pythonUnavailable());
  if (previous && previous.text !== text) {
    const edit = textEdit(previous.text, text);
    const old = previous.tree.copy();
    old.edit(edit);
    const tree = parser.parse(text, old);
    old.delete();
    if (tree) return tree;
  } else if (previous) {
    return previous.tree;
  }
  const tree = parser.parse(text);
  if (!tree) throw new Error('the Python parser returned no tree');
  return tree;
}

interface Point {
  row: number;
  column: number;
}

/** The single edit that turns `before` into `after`, in tree-sitter's terms. */
function textEdit(before: string, after: string): Edit {
  const { start, oldEnd, newEnd } = changedSpan(before, after);
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  });
}

/** Row and column (UTF-16 code units, as web-tree-sitter counts them for JavaScript strings). */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** A node's named children (web-tree-sitter types them as possibly null; they never are for a live tree). */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

/** The children under a field (`name` of an import statement can repeat). */
export function fieldChildren(node: SyntaxNode, field: string): SyntaxNode[] {
  return node.childrenForFieldName(field).filter((child): child is SyntaxNode => child !== null);
}
