// "Is this code inside `with pytest.raises(...)`?": async-test-assertion reports a coroutine call
// there that is never awaited (the expected exception never comes); a rule that reports unawaited
// coroutines in general leaves those calls to it while it is on (one mistake, one finding, as
// floating-promise does for async-test-assertion in TypeScript).
import { isAsyncStatement } from './functionBodies';
import type { ModuleNames } from './names';
import { namedChildren } from './parser';
import type { SyntaxNode } from './parser';

/** `with pytest.raises(E):` / `with pytest.raises(E) as info:` (not `async with`). */
export function isPytestRaisesWith(statement: SyntaxNode, names: ModuleNames): boolean {
  if (statement.type !== 'with_statement' || isAsyncStatement(statement)) return false;
  const clause = namedChildren(statement).find((child) => child.type === 'with_clause');
  return !!clause && namedChildren(clause).some((item) => {
    let value = item.childForFieldName('value');
    if (value?.type === 'as_pattern') value = namedChildren(value)[0] ?? null;
    return value?.type === 'call' && /(?:^|\.)raises$/.test(value.childForFieldName('function')?.text ?? '') && names.calleeName(value) === 'pytest.raises';
  });
}

/** Whether `node` is in the body of a `with pytest.raises(...)` in its own function. */
export function insidePytestRaises(node: SyntaxNode, names: ModuleNames): boolean {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'lambda' || current.type === 'class_definition') return false;
    if (current.type === 'with_statement' && current.childForFieldName('body')?.id === child.id && isPytestRaisesWith(current, names)) return true;
  }
  return false;
}
