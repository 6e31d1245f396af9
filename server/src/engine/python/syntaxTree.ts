// The Python syntax tree the analysis reads: a copy of tree-sitter's tree in plain JavaScript objects.
//
// Why a copy: every property of a web-tree-sitter node (`type`, `parent`, `childForFieldName`...) is
// a call into WebAssembly that marshals the node and allocates a new wrapper, and the analysis asks
// hundreds of thousands of them per module; on a 2,000-line module that was over half of an edit.
// Here they are field reads. The copy is made once per parse by one cursor walk and, after an edit,
// again only where the structure changed: subtrees outside tree-sitter's changed ranges and away
// from the edit are moved over from the last copy (shifted), as tree-sitter reuses its own subtrees.
//
// The classes answer the part of web-tree-sitter's `Node` API the engine uses, with the same
// meaning (children include anonymous tokens; `descendantsOfType` includes the node itself;
// `descendantForIndex` is tree-sitter's smallest node spanning the range). Positions are UTF-16
// code units, as web-tree-sitter counts them for JavaScript strings. A node's structure never
// changes once made: a moved subtree keeps its nodes, their text and their ids.
import type { Language, Tree as ParsedTree, TreeCursor } from 'web-tree-sitter';
import { Memo } from '../memo';

export interface Point {
  row: number;
  column: number;
}

let nextId = 1;
// An empty list of the same elements kind as the others (made holding an object, then emptied), so
// that loops over `children` stay monomorphic.
const NO_CHILDREN: SyntaxNode[] = [{} as SyntaxNode];
NO_CHILDREN.pop();

const NO_COUNTERPARTS: ReadonlyMap<SyntaxNode, SyntaxNode> = new Map();

export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  private lineStarts: number[] | undefined;
  /** What the analyses computed of this tree (its summaries, walk, line table...), dying with it (see memo.ts). */
  readonly memo = new Memo();

  constructor(
    readonly text: string,
    root: SyntaxNode,
    /**
     * The tree this one was made from by an edit: every node of this tree that is also one of the
     * previous tree's (an untouched subtree, moved) is the same object, so what was known of it can
     * be taken over. Cleared when the next tree is made from this one, so that a tree keeps only its
     * predecessor alive, not every text since the file was opened.
     */
    public previous?: SyntaxTree,
    /** Nodes made for this tree have ids from this one on; a node with a lower id was the previous tree's (moved over). */
    readonly newNodesFrom = 0,
    /** A scope node (module, def, lambda, class, comprehension) made anew by an incremental copy → the previous tree's node of the same type at the same place; cleared with `previous`. */
    public counterparts: ReadonlyMap<SyntaxNode, SyntaxNode> = NO_COUNTERPARTS,
    /** When the tree is the previous one with one statement re-parsed alone: the statement as it was and as it is (every other node is the previous tree's); cleared with `previous`. */
    public replaced?: { before: SyntaxNode; after: SyntaxNode },
  ) {
    this.rootNode = root;
  }

  /** Lets go of the previous tree (this one is the previous of a new tree now): a tree keeps only its predecessor alive. */
  forgetPrevious(): void {
    this.previous = undefined;
    this.counterparts = NO_COUNTERPARTS;
    this.replaced = undefined;
  }

  /** Whether the node was made for this tree (not moved over from the previous one). */
  isNew(node: SyntaxNode): boolean {
    return node.id >= this.newNodesFrom;
  }

  /** Row and column of an offset (from one table of line starts per tree). */
  pointAt(offset: number): Point {
    return pointIn((this.lineStarts ??= lineStartsOf(this.text)), offset);
  }

  /** Nothing to free (the WebAssembly tree is freed by whoever parsed it); kept for callers of web-tree-sitter's API. */
  delete(): void {}
}

/** Where each line starts: tree-sitter counts rows by `\n` alone (a lone `\r` is not a line break to it, unlike LineMap). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function pointIn(lineStarts: readonly number[], offset: number): Point {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { row: low, column: offset - lineStarts[low] };
}

/** Row and column of an offset in a text without a tree (UTF-16 code units, as web-tree-sitter counts them for JavaScript strings). */
export function pointAt(text: string, offset: number): Point {
  return pointIn(lineStartsOf(text.slice(0, offset)), offset);
}

export class SyntaxNode {
  readonly id = nextId++;
  parent: SyntaxNode | null = null;
  /** Set on the root only: a moved subtree finds its new tree through its new parents. */
  ownTree: SyntaxTree | undefined;
  /** The children (a leaf shares one empty list: most nodes are leaves, and memory is per node). */
  children: SyntaxNode[] = NO_CHILDREN;
  /** The field this node has in its parent (`name`, `body`...). */
  fieldName: string | null = null;
  /** Index in the parent's children. */
  indexInParent = 0;
  private cachedText: string | undefined;
  private cachedNamedChildren: SyntaxNode[] | undefined;
  private cachedHasError: boolean | undefined;

  /** Drops what the node keeps of its text and children (a node whose statement was replaced). */
  forget(): void {
    this.cachedText = undefined;
    this.cachedNamedChildren = undefined;
    this.cachedHasError = undefined;
  }

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    public startIndex: number,
    public endIndex: number,
    readonly isMissing: boolean,
  ) {}

  get tree(): SyntaxTree {
    let node: SyntaxNode = this;
    while (node.parent) node = node.parent;
    return node.ownTree!;
  }

  /** The node's source text (kept: a node outside an edit has the same text in the next tree). */
  get text(): string {
    return (this.cachedText ??= this.tree.text.slice(this.startIndex, this.endIndex));
  }

  get startPosition(): Point {
    return this.tree.pointAt(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.pointAt(this.endIndex);
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  get namedChildren(): SyntaxNode[] {
    return (this.cachedNamedChildren ??= this.children.filter((child) => child.isNamed));
  }

  get firstNamedChild(): SyntaxNode | null {
    return this.namedChildren[0] ?? null;
  }

  get nextNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children ?? [];
    for (let i = this.indexInParent + 1; i < siblings.length; i++) if (siblings[i].isNamed) return siblings[i];
    return null;
  }

  childForFieldName(field: string): SyntaxNode | null {
    for (const child of this.children) if (child.fieldName === field) return child;
    return null;
  }

  childrenForFieldName(field: string): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    for (const child of this.children) if (child.fieldName === field) found.push(child);
    return found;
  }

  /** Whether the node is or contains a syntax error (an ERROR node or a token tree-sitter had to insert). */
  get hasError(): boolean {
    return (this.cachedHasError ??= this.type === 'ERROR' || this.isMissing || this.children.some((child) => child.hasError));
  }

  /** The node and its descendants of the given types, in document order (pre-order). */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const wanted = typeof types === 'string' ? new Set([types]) : new Set(types);
    const found: SyntaxNode[] = [];
    const stack: SyntaxNode[] = [this];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (wanted.has(node.type)) found.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
    return found;
  }

  /** The smallest node (named or not) that spans `start`..`end`, as tree-sitter's `descendantForIndex`. */
  descendantForIndex(start: number, end = start): SyntaxNode {
    let node: SyntaxNode = this;
    for (;;) {
      const child = node.children.find((candidate) => candidate.endIndex >= end && candidate.endIndex > start && candidate.startIndex <= start);
      if (!child) return node;
      node = child;
    }
  }

}

/** What changed between the last copy's text and this one: the edit and tree-sitter's changed ranges. */
export interface TreeChange {
  previous: SyntaxTree;
  start: number;
  oldEnd: number;
  newEnd: number;
  /** Ranges (new offsets) whose structure may differ from the previous tree's: tree-sitter's changed ranges, and more. */
  changedRanges: readonly { startIndex: number; endIndex: number }[];
}

/** Work counter for the tests: nodes made from the cursor (moved subtrees are not counted). */
export const syntaxTreeStats = { nodesCopied: 0 };

/**
 * The copy of a parsed tree. With `change`, subtrees of the previous copy that lie wholly outside
 * the edit and the changed ranges are moved over instead of copied from WebAssembly again.
 */
export function copyTree(parsed: ParsedTree, text: string, change?: TreeChange): SyntaxTree {
  const cursor = parsed.walk();
  const newNodesFrom = nextId;
  try {
    const moved: SyntaxNode[] = [];
    const counterparts = new Map<SyntaxNode, SyntaxNode>();
    const reuse = change ? reuser(change, moved) : undefined;
    const root = copyFrom(cursor, kindsOf(parsed.language), 0, reuse, change?.previous.rootNode, counterparts);
    if (change) shiftMoved(moved, change);
    change?.previous.forgetPrevious();
    const tree = new SyntaxTree(text, root, change?.previous, newNodesFrom, counterparts);
    root.ownTree = tree;
    return tree;
  } finally {
    cursor.delete();
  }
}

type Reuser = (type: string, start: number, end: number, counterpart: SyntaxNode | undefined) => { reuse?: SyntaxNode; counterpart?: SyntaxNode };

/**
 * Decides, for a node of the new tree (new offsets), whether the previous copy has the same node to
 * move over: same type and range (mapped back through the edit), wholly before or after the edit
 * and outside every changed range. Otherwise it names the previous node to look in for the
 * children (the same type at the same mapped start), if any.
 */
function reuser(change: TreeChange, moved: SyntaxNode[]): Reuser {
  const delta = change.newEnd - change.oldEnd;
  const toOld = (offset: number) => (offset >= change.newEnd ? offset - delta : offset);
  const touchesChange = (start: number, end: number) =>
    !(end < change.start || start > change.newEnd) || change.changedRanges.some((range) => start <= range.endIndex && range.startIndex <= end);
  return (type, start, end, counterpart) => {
    if (!counterpart) return {};
    const oldStart = toOld(start);
    const oldEnd = toOld(end);
    const match = counterpart.children.find((child) => child.startIndex === oldStart && child.type === type && (child.endIndex === oldEnd || touchesChange(start, end)));
    if (!match) return {};
    if (match.endIndex === oldEnd && !touchesChange(start, end)) {
      moved.push(match);
      return { reuse: match };
    }
    return { counterpart: match };
  };
}

/** A node kind's name and whether it is named, by type id (one call into WebAssembly per node instead of three). */
interface Kinds {
  typeOf(id: number): string;
  isNamed(id: number): boolean;
}

const kindTables = new WeakMap<Language, Kinds>();

function kindsOf(language: Language): Kinds {
  let kinds = kindTables.get(language);
  if (!kinds) {
    const named = new Map<number, boolean>();
    kinds = {
      typeOf: (id) => language.types[id] || 'ERROR',
      isNamed: (id) => {
        let answer = named.get(id);
        if (answer === undefined) {
          answer = language.nodeTypeIsNamed(id);
          named.set(id, answer);
        }
        return answer;
      },
    };
    kindTables.set(language, kinds);
  }
  return kinds;
}

/** Nodes that open a scope of their own (names.ts); a copy records their counterparts in the previous tree, whose bindings are compared. */
export const SCOPE_TYPES: ReadonlySet<string> = new Set(['module', 'class_definition', 'function_definition', 'lambda', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** Copies the cursor's tree (iteratively: deep expression chains must not overflow the stack). */
function copyFrom(cursor: TreeCursor, kinds: Kinds, offset: number, reuse?: Reuser, previousRoot?: SyntaxNode, counterparts?: Map<SyntaxNode, SyntaxNode>): SyntaxNode {
  const root = nodeAt(cursor, kinds, cursor.nodeTypeId, cursor.startIndex + offset, cursor.endIndex + offset);
  // Each open node with the previous copy's node its children are looked for in.
  const open: { node: SyntaxNode; counterpart: SyntaxNode | undefined }[] = [{ node: root, counterpart: previousRoot && previousRoot.type === root.type ? previousRoot : undefined }];
  if (open[0].counterpart) counterparts?.set(root, open[0].counterpart);
  let descend = true;
  for (;;) {
    if (descend && cursor.gotoFirstChild()) {
      // now at the first child of open's top
    } else {
      let moved = false;
      while (!moved) {
        if (open.length === 1) return root;
        if (cursor.gotoNextSibling()) {
          moved = true;
          open.pop();
        } else {
          cursor.gotoParent();
          open.pop();
        }
      }
    }
    const parent = open[open.length - 1];
    const typeId = cursor.nodeTypeId;
    const start = cursor.startIndex + offset;
    const end = cursor.endIndex + offset;
    const decision = reuse?.(kinds.typeOf(typeId), start, end, parent.counterpart) ?? {};
    const child = decision.reuse ?? nodeAt(cursor, kinds, typeId, start, end);
    child.parent = parent.node;
    if (parent.node.children === NO_CHILDREN) parent.node.children = [];
    child.indexInParent = parent.node.children.length;
    child.fieldName = cursor.currentFieldName;
    parent.node.children.push(child);
    open.push({ node: child, counterpart: decision.counterpart });
    if (decision.counterpart && SCOPE_TYPES.has(child.type)) counterparts?.set(child, decision.counterpart);
    descend = !decision.reuse;
  }
}

function nodeAt(cursor: TreeCursor, kinds: Kinds, typeId: number, start: number, end: number): SyntaxNode {
  syntaxTreeStats.nodesCopied++;
  const missing = start === end && cursor.nodeIsMissing;
  return new SyntaxNode(kinds.typeOf(typeId), kinds.isNamed(typeId), start, end, missing);
}

/** Shifts the offsets of the subtrees moved from after the edit (those before it keep theirs). */
function shiftMoved(moved: readonly SyntaxNode[], change: TreeChange): void {
  const delta = change.newEnd - change.oldEnd;
  if (delta === 0) return;
  const stack: SyntaxNode[] = [];
  for (const root of moved) {
    if (root.startIndex < change.oldEnd) continue;
    stack.push(root);
    while (stack.length > 0) {
      const node = stack.pop()!;
      node.startIndex += delta;
      node.endIndex += delta;
      for (const child of node.children) stack.push(child);
    }
  }
}

/**
 * The statements an edit can be re-parsed in alone, innermost first: each statement (a child of a
 * block or of the module) that holds the edit strictly inside (not at its first or last character,
 * so that the edit cannot join it to a neighbour). None in a tree with a syntax error (error
 * recovery can reach across statements).
 */
export function statementsAround(tree: SyntaxTree, start: number, oldEnd: number): SyntaxNode[] {
  if (tree.rootNode.hasError) return [];
  const found: SyntaxNode[] = [];
  let node: SyntaxNode = tree.rootNode;
  for (;;) {
    const child = node.children.find((candidate) => candidate.startIndex < start && oldEnd < candidate.endIndex);
    if (!child) break;
    if ((node.type === 'block' || node.type === 'module') && child.isNamed && child.type !== 'comment') found.unshift(child);
    node = child;
  }
  return found;
}

/**
 * Copies a re-parsed statement (the cursor's node; offsets plus `offset`) into `previous` in place
 * of `statement`, shifting the nodes after it by the edit's length change: the tree of `text`.
 */
export function replaceStatement(previous: SyntaxTree, statement: SyntaxNode, cursor: TreeCursor, language: Language, offset: number, text: string, delta: number): SyntaxTree {
  const newNodesFrom = nextId;
  const replacement = copyFrom(cursor, kindsOf(language), offset);
  const parent = statement.parent!;
  replacement.parent = parent;
  replacement.indexInParent = statement.indexInParent;
  replacement.fieldName = statement.fieldName;
  parent.children[statement.indexInParent] = replacement;
  // The statement's ancestors grow by delta; every node after it moves by delta. Their cached
  // texts and named-children lists are out of date: the ancestors' are dropped, the rest keep theirs.
  const edited = statement.endIndex;
  for (let ancestor: SyntaxNode | null = parent; ancestor; ancestor = ancestor.parent) {
    ancestor.endIndex += delta;
    ancestor.forget();
    for (let i = ancestor === parent ? statement.indexInParent + 1 : 0; i < ancestor.children.length; i++) {
      const sibling = ancestor.children[i];
      if (sibling.startIndex >= edited) shiftSubtree(sibling, delta);
    }
  }
  const root = previous.rootNode;
  previous.forgetPrevious();
  const tree = new SyntaxTree(text, root, previous, newNodesFrom, NO_COUNTERPARTS, { before: statement, after: replacement });
  previous.rootNode.ownTree = undefined;
  root.ownTree = tree;
  return tree;
}

function shiftSubtree(root: SyntaxNode, delta: number): void {
  if (delta === 0) return;
  // Indexed loops, no iterator: this runs over most of a large module on every keystroke, first in
  // V8's interpreter (2-3x faster there than for...of and pop, measured on a 2,000-line module).
  const stack = [root];
  let top = 1;
  while (top > 0) {
    const node = stack[--top];
    node.startIndex += delta;
    node.endIndex += delta;
    const children = node.children;
    for (let i = 0; i < children.length; i++) stack[top++] = children[i];
  }
}
