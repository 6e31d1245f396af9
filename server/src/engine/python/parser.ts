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
import type { Tree as ParsedTree } from 'web-tree-sitter';
import { ChangedSpan, changedSpan } from '../textChange';
import { SyntaxNode, SyntaxTree, copyTree, pointAt, replaceStatement, statementsAround } from './syntaxTree';

export type { SyntaxNode };
export type Tree = SyntaxTree;

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
 * A file's last parse: the tree the analysis reads, and tree-sitter's tree for the next incremental
 * parse. After a statement was re-parsed alone, tree-sitter's tree is of an older text (`parsedText`).
 */
export interface PythonParse {
  readonly text: string;
  readonly tree: Tree;
  /** Absent when let go (`releaseParsed`): the next edit that needs it parses the whole text. */
  readonly parsed?: ParsedTree;
  readonly parsedText: string;
}

/** Work counter for the tests: edits answered by re-parsing one statement alone. */
export const reparseStats = { statements: 0 };

/** Parses `text` into the tree the analysis reads (tree-sitter's own tree is freed). */
export function parsePython(text: string): Tree {
  return releaseParsed(reparsePython(text)).tree;
}

/**
 * The parse without tree-sitter's tree (freed): what a file that has not been edited keeps. A
 * tree-sitter tree of a 2,000-line module takes as much memory as the copy; a project's modules
 * keep only their copies, and an edited file gets its tree back at its first edit.
 */
export function releaseParsed(parse: PythonParse): PythonParse {
  parse.parsed?.delete();
  return { text: parse.text, tree: parse.tree, parsedText: parse.parsedText };
}

/**
 * Parses `text`. With the file's previous parse, only what the edit changed: an edit inside one
 * statement re-parses that statement alone and puts it in place in the previous tree (the
 * statement's text is all tree-sitter reads); any other edit re-parses incrementally, tree-sitter
 * reusing its unchanged subtrees and the copy reusing the previous tree's (syntaxTree.ts). The
 * caller owns the returned parse; the previous one is freed or handed on.
 */
export function reparsePython(text: string, previous?: PythonParse): PythonParse {
  if (!parser) throw new Error(pythonUnavailable());
  if (previous && previous.text === text) return previous;
  if (previous) {
    const span = changedSpan(previous.text, text);
    const tree = reparseStatement(previous.tree, text, span);
    if (tree) {
      reparseStats.statements++;
      return { text, tree, parsed: previous.parsed, parsedText: previous.parsedText };
    }
    if (previous.parsed) return reparseIncrementally(text, previous, previous.parsed, span);
  }
  const parsed = parser.parse(text);
  if (!parsed) throw new Error('the Python parser returned no tree');
  return { text, parsed, parsedText: text, tree: copyTree(parsed, text) };
}

/** tree-sitter's incremental re-parse from the previous parse's tree, and the copy moving the unchanged subtrees over. */
function reparseIncrementally(text: string, previous: PythonParse, previousParsed: ParsedTree, span: ChangedSpan): PythonParse {
  // tree-sitter's tree may be of an older text than the previous tree: its own edit.
  const parsedSpan = previous.parsedText === previous.text ? span : changedSpan(previous.parsedText, text);
  const old = previousParsed.copy();
  old.edit(textEdit(previous.parsedText, text, parsedSpan));
  const parsed = parser!.parse(text, old) ?? parser!.parse(text);
  const changedRanges: { startIndex: number; endIndex: number }[] = parsed ? old.getChangedRanges(parsed) : [];
  old.delete();
  previousParsed.delete();
  if (!parsed) throw new Error('the Python parser returned no tree');
  if (parsedSpan !== span) changedRanges.push({ startIndex: parsedSpan.start, endIndex: parsedSpan.newEnd });
  return { text, parsed, parsedText: text, tree: copyTree(parsed, text, { previous: previous.tree, ...span, changedRanges }) };
}

/**
 * The tree of `text` made by re-parsing, alone, a statement of the previous tree the edit falls
 * strictly inside: the innermost one that can be, up to a size (a statement as large as a big class
 * costs a whole parse; tree-sitter's incremental parse does better there); undefined when none can.
 * The statement is parsed from the start of its line, inside an `if 1:` when indented (so its
 * indentation reads as in the file), and taken only when it parses without error into one statement
 * of the same kind ending at the statement's new end (no bracket, string or continuation left open),
 * and the next line of code after it is indented no deeper than it (so nothing after it can join it,
 * as a line indented like its body would once the body's indentation changes): then a whole parse
 * gives the same tree. An edit typed at the start of a statement's line falls inside the statement
 * around it, as does one that adds a statement (`x = 1` → `y = 2\n    x = 1` is one statement no more).
 */
function reparseStatement(previous: Tree, text: string, span: ChangedSpan): Tree | undefined {
  const largest = Math.max(MIN_STATEMENT_LIMIT, text.length / 8);
  for (const statement of statementsAround(previous, span.start, span.oldEnd)) {
    if (statement.endIndex - statement.startIndex > largest) return undefined;
    const tree = reparseOneStatement(previous, statement, text, span);
    if (tree) return tree;
  }
  return undefined;
}

/** Statements up to this many characters are always re-parsed alone when they can be (beyond, up to an eighth of the file). */
const MIN_STATEMENT_LIMIT = 4096;

function reparseOneStatement(previous: Tree, statement: SyntaxNode, text: string, span: ChangedSpan): Tree | undefined {
  const lineStart = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const indent = text.slice(lineStart, statement.startIndex);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const delta = span.newEnd - span.oldEnd;
  if (!endsBeforeShallowerLine(text, statement.endIndex + delta, indent)) return undefined;
  const prefix = indent.length > 0 ? 'if 1:\n' : '';
  const snippet = prefix + text.slice(lineStart, statement.endIndex + delta);
  const parsed = parser!.parse(snippet);
  if (!parsed) return undefined;
  const cursor = parsed.walk();
  try {
    if (parsed.rootNode.hasError) return undefined;
    let statements = parsed.rootNode.namedChildren;
    if (prefix) {
      const block = statements.length === 1 && statements[0]?.type === 'if_statement' ? statements[0].childForFieldName('consequence') : null;
      statements = block?.namedChildren ?? [];
    }
    const reparsed = statements.length === 1 ? statements[0] : null;
    if (!reparsed || reparsed.type !== statement.type || reparsed.startIndex !== prefix.length + indent.length || reparsed.endIndex !== snippet.length) return undefined;
    cursor.reset(reparsed);
    return replaceStatement(previous, statement, cursor, parsed.language, lineStart - prefix.length, text, delta);
  } finally {
    cursor.delete();
    parsed.delete();
  }
}

/**
 * Whether, after `end`, the rest of the line is blank and the next non-blank line (if any) is code
 * indented by a prefix of `indent`. A comment line in between is refused: where tree-sitter puts
 * a comment depends on the indentation around it.
 */
function endsBeforeShallowerLine(text: string, end: number, indent: string): boolean {
  const rest = /^[ \t\f]*(?:\r?\n|\r|$)/.exec(text.slice(end, end + 200));
  if (!rest) return false;
  let at = end + rest[0].length;
  for (;;) {
    if (at >= text.length) return true;
    const lineEnd = text.indexOf('\n', at);
    const line = text.slice(at, lineEnd === -1 ? text.length : lineEnd);
    if (line.trim() !== '') {
      const lineIndent = /^[ \t\f]*/.exec(line)![0];
      return !line.slice(lineIndent.length).startsWith('#') && indent.startsWith(lineIndent);
    }
    if (lineEnd === -1) return true;
    at = lineEnd + 1;
  }
}

/** The single edit that turns `before` into `after`, in tree-sitter's terms. */
function textEdit(before: string, after: string, { start, oldEnd, newEnd }: ChangedSpan): Edit {
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  });
}

/** A node's named children: the node's own list (read it, do not change it). */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren;
}

/** The children under a field (`name` of an import statement can repeat). */
export function fieldChildren(node: SyntaxNode, field: string): SyntaxNode[] {
  return node.childrenForFieldName(field).filter((child): child is SyntaxNode => child !== null);
}
