// The nodes of some types in a whole module, from one walk per syntax tree shared by every caller:
// the call summaries (eventLoop.ts), the scopes (names.ts) and the rules' dispatch (analyzer.ts)
// each want the calls, defs, lambdas and comprehensions of the module; one `descendantsOfType`
// over the union of their types walks the tree once instead of once per caller.
// Each caller gets the named nodes of its own types, in document order, as its own
// `rootNode.descendantsOfType(types)` filtered by `isNamed` would return them (`await` and `lambda`
// are also keywords: their anonymous tokens are left out).
import { MemoKey } from '../memo';
import type { SyntaxNode, Tree } from './parser';

interface Walk {
  types: Set<string>;
  nodes: SyntaxNode[];
}

const WALK = new MemoKey<Walk>('node walk');
/** Every type asked for so far: the next tree's walk collects them all at once. */
const requested = new Set<string>();

/** Work counters for the tests: whole-tree walks made, and walks made from the previous tree's after a statement edit. */
export const treeWalkStats = { walks: 0, statementWalks: 0 };

function wholeWalk(tree: Tree): Walk {
  const all = [...requested];
  treeWalkStats.walks++;
  return { types: new Set(all), nodes: namedOfTypes(tree.rootNode, all) };
}

function namedOfTypes(node: SyntaxNode, types: readonly string[]): SyntaxNode[] {
  return node.descendantsOfType(types).filter((found): found is SyntaxNode => found !== null && found.isNamed);
}

/**
 * After one statement was re-parsed alone (every other node is the previous tree's): the previous
 * tree's walk with the old statement's nodes replaced by the new statement's. In document order the
 * old statement's nodes are one run, after its ancestors and before every node that follows it.
 */
function walkAfterStatementEdit(tree: Tree): Walk | undefined {
  const replaced = tree.replaced;
  const previous = tree.previous?.memo.peek(WALK);
  if (!replaced || !previous || [...requested].some((type) => !previous.types.has(type))) return undefined;
  const types = [...previous.types];
  const { before, after } = replaced;
  const nodes = previous.nodes;
  // The first node at or after the statement's start (the statement keeps its start), then past its ancestors.
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (nodes[middle].startIndex < after.startIndex) low = middle + 1;
    else high = middle;
  }
  const ancestors = new Set<SyntaxNode>();
  for (let node = after.parent; node; node = node.parent) ancestors.add(node);
  while (low < nodes.length && ancestors.has(nodes[low])) low++;
  const removed = namedOfTypes(before, types).length;
  treeWalkStats.statementWalks++;
  return { types: previous.types, nodes: [...nodes.slice(0, low), ...namedOfTypes(after, types), ...nodes.slice(low + removed)] };
}

/** The named nodes of `types` in the tree (the module node included when asked for), in document order. */
export function namedNodesOfTypes(tree: Tree, types: readonly string[]): SyntaxNode[] {
  for (const type of types) requested.add(type);
  let walk = tree.memo.peek(WALK);
  if (!walk || types.some((type) => !walk!.types.has(type))) {
    walk = walkAfterStatementEdit(tree) ?? wholeWalk(tree);
    tree.memo.set(WALK, walk);
  }
  const wanted = new Set(types);
  return walk.nodes.filter((node) => wanted.has(node.type));
}
