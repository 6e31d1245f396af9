// "Is this collection known to be small?": a literal (`[a, b]`, `("x", "y")`), `range(<constants>)`,
// a slice (`urls[:10]`, `batch[i:i + n]`), a name bound once to one of those, the item of a loop
// over batches (`for batch in chunks: ... batch`), and wrappers that keep the size (`enumerate`,
// `zip`, `sorted`, `list`, `x.items()`). Anything else may be as large as the input.
import { enclosingFunction } from './functionBodies';
import { boundNames } from './loopIterations';
import type { ModuleNames } from './names';
import { namedChildren } from './parser';
import type { SyntaxNode } from './parser';

const SAME_SIZE = new Set(['builtins.enumerate', 'builtins.sorted', 'builtins.list', 'builtins.tuple', 'builtins.set', 'builtins.reversed', 'builtins.frozenset', 'builtins.dict']);
const SAME_SIZE_METHODS = new Set(['items', 'keys', 'values', 'copy']);

export function isBoundedCollection(expression: SyntaxNode, names: ModuleNames, depth = 0): boolean {
  if (depth > 8) return false;
  switch (expression.type) {
    case 'parenthesized_expression': {
      const inner = namedChildren(expression)[0];
      return !!inner && isBoundedCollection(inner, names, depth + 1);
    }
    case 'list':
    case 'tuple':
    case 'set':
    case 'dictionary':
    case 'string':
      return !namedChildren(expression).some((child) => child.type === 'list_splat' || child.type === 'dictionary_splat');
    case 'list_comprehension':
    case 'generator_expression':
    case 'set_comprehension': {
      // `[f'foo{i}' for i in range(10)]`: as many items as the one collection it walks.
      const clauses = namedChildren(expression).filter((child) => child.type === 'for_in_clause');
      const right = clauses.length === 1 ? clauses[0].childForFieldName('right') : null;
      return !!right && isBoundedCollection(right, names, depth + 1);
    }
    case 'subscript':
      return namedChildren(expression).some((child) => child.type === 'slice');
    case 'identifier': {
      const binding = names.lookup(expression.text, expression);
      if (binding?.kind === 'value') return isBoundedCollection(binding.value, names, depth + 1);
      return isBatchItem(expression);
    }
    case 'call': {
      const callee = expression.childForFieldName('function');
      const args = expression.childForFieldName('arguments');
      const argList = args ? namedChildren(args).filter((child) => child.type !== 'comment') : [];
      const qualified = callee ? names.qualifiedName(callee) : undefined;
      if (qualified === 'builtins.range') return argList.length > 0 && argList.every((arg) => isIntegerConstant(arg, names));
      if (qualified === 'itertools.islice') return argList.slice(1).some((arg) => arg.type === 'integer');
      if (qualified === 'builtins.zip') return argList.some((arg) => isBoundedCollection(arg, names, depth + 1));
      if (qualified && SAME_SIZE.has(qualified)) return argList.length > 0 && isBoundedCollection(argList[0], names, depth + 1);
      if (callee?.type === 'attribute' && SAME_SIZE_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) {
        const object = callee.childForFieldName('object');
        return !!object && isBoundedCollection(object, names, depth + 1);
      }
      return false;
    }
    default:
      return false;
  }
}

/** `3`, `-1`, or a name bound once to one (`incr = 2`). */
function isIntegerConstant(expression: SyntaxNode, names: ModuleNames): boolean {
  if (expression.type === 'integer') return true;
  if (expression.type === 'unary_operator') return namedChildren(expression)[0]?.type === 'integer';
  if (expression.type === 'identifier') {
    const binding = names.lookup(expression.text, expression);
    return binding?.kind === 'value' && binding.value.type === 'integer';
  }
  return false;
}

/** `batch` in `for batch in batches:` around it (in the same function): the item of a loop over batches is one batch. */
function isBatchItem(identifier: SyntaxNode): boolean {
  const fn = enclosingFunction(identifier);
  for (let current = identifier.parent; current && current.id !== fn?.id; current = current.parent) {
    if (current.type === 'for_statement' && boundNames(current.childForFieldName('left')).includes(identifier.text)) {
      const body = current.childForFieldName('body');
      if (body && identifier.startIndex >= body.startIndex) return true;
    }
  }
  return false;
}
