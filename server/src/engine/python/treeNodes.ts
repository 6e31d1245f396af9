// The nodes of some types in a whole module, from one walk per syntax tree shared by every caller:
// the call summaries (eventLoop.ts), the scopes (names.ts) and the rules' dispatch (analyzer.ts)
// each want the calls, defs, lambdas and comprehensions of the module; one `descendantsOfType`
// over the union of their types walks the tree once instead of once per caller.
// Each caller gets the named nodes of its own types, in document order, as its own
// `rootNode.descendantsOfType(types)` filtered by `isNamed` would return them (`await` and `lambda`
// are also keywords: their anonymous tokens are left out).
import type { SyntaxNode, Tree } from './parser';

interface Walk {
  types: Set<string>;
  nodes: SyntaxNode[];
}

const walks = new WeakMap<Tree, Walk>();
/** Every type asked for so far: the next tree's walk collects them all at once. */
const requested = new Set<string>();

/** Work counter for the tests: whole-tree walks made. */
export const treeWalkStats = { walks: 0 };

/** The named nodes of `types` in the tree (the module node included when asked for), in document order. */
export function namedNodesOfTypes(tree: Tree, types: readonly string[]): SyntaxNode[] {
  for (const type of types) requested.add(type);
  let walk = walks.get(tree);
  if (!walk || types.some((type) => !walk!.types.has(type))) {
    const all = [...requested];
    const nodes = tree.rootNode.descendantsOfType(all).filter((node): node is SyntaxNode => node !== null && node.isNamed);
    walk = { types: new Set(all), nodes };
    walks.set(tree, walk);
    treeWalkStats.walks++;
  }
  const wanted = new Set(types);
  return walk.nodes.filter((node) => wanted.has(node.type));
}
