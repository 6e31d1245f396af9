// Which code a `try` guards: walking a function body and telling, for each node, whether it sits in
// a `try` block whose `catch` would catch what it throws.
import { ts } from '../compiler';
import { isFunctionLike } from './functions';

/**
 * Whether `node` or a node below it (not inside a nested function or class) passes `test`, which
 * is told whether the node is guarded: inside a `try` block that has a `catch` clause (a `catch` or
 * `finally` block is as guarded as its try statement). Try statements themselves are not tested.
 * Stops at the first node that passes.
 */
export function someNodeGuardedOrNot(node: ts.Node, test: (node: ts.Node, guarded: boolean) => boolean, guarded = false): boolean {
  if (isFunctionLike(node) || ts.isClassLike(node)) return false;
  if (ts.isTryStatement(node)) {
    return (
      someNodeGuardedOrNot(node.tryBlock, test, guarded || !!node.catchClause) ||
      (!!node.catchClause && someNodeGuardedOrNot(node.catchClause, test, guarded)) ||
      (!!node.finallyBlock && someNodeGuardedOrNot(node.finallyBlock, test, guarded))
    );
  }
  if (test(node, guarded)) return true;
  return ts.forEachChild(node, (child) => someNodeGuardedOrNot(child, test, guarded) || undefined) ?? false;
}

/** The same for the nodes below `node` (not `node` itself). */
export function someChildGuardedOrNot(node: ts.Node, test: (node: ts.Node, guarded: boolean) => boolean): boolean {
  return ts.forEachChild(node, (child) => someNodeGuardedOrNot(child, test) || undefined) ?? false;
}
