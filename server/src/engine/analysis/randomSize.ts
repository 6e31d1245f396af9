// How much work a synchronous random-bytes call does. `randomFillSync(pool, 0, 8192)`,
// `randomBytes(16)` read the kernel's CSPRNG for a fixed, small number of bytes: microseconds, no
// I/O; the reference catalogue notes "cost scales with the buffer size". blocking-call does not
// report them with a constant size up to 64 KiB, and reports them as info otherwise (a large
// constant, or a size known only at run time).
import { ts } from '../compiler';
import type { ApiRef } from './apis';
import { skipParenthesesDown } from './functions';

/** Up to this many bytes a synchronous random fill is cheap. */
export const CHEAP_RANDOM_BYTES = 64 * 1024;

const TYPED_ARRAY_BYTES: Record<string, number> = {
  Uint8Array: 1, Int8Array: 1, Uint8ClampedArray: 1, Uint16Array: 2, Int16Array: 2, Uint32Array: 4, Int32Array: 4,
  Float32Array: 4, Float64Array: 8, BigInt64Array: 8, BigUint64Array: 8,
};

export type RandomCost = 'small' | 'sized';

/** For crypto's random-bytes APIs: 'small' (constant size up to 64 KiB), 'sized' (anything else); undefined for other APIs. */
export function randomCostOf(api: ApiRef, call: ts.CallExpression | ts.NewExpression, checker: ts.TypeChecker): RandomCost | undefined {
  if (api.module !== 'crypto' || !ts.isCallExpression(call)) return undefined;
  let size: number | undefined;
  if (api.name === 'randomBytes' || api.name === 'pseudoRandomBytes') {
    size = call.arguments[0] ? constantNumber(call.arguments[0], checker, 0) : undefined;
  } else if (api.name === 'randomFillSync') {
    const [buffer, offset, length] = call.arguments;
    if (length) size = constantNumber(length, checker, 0);
    else if (buffer) {
      const total = bufferBytes(buffer, checker);
      const skipped = offset ? constantNumber(offset, checker, 0) : 0;
      size = total !== undefined && skipped !== undefined ? Math.max(0, total - skipped) : undefined;
    }
  } else return undefined;
  return size !== undefined && size <= CHEAP_RANDOM_BYTES ? 'small' : 'sized';
}

/** A numeric constant: literals, arithmetic on them, and `const` names initialised with one. */
export function constantNumber(expression: ts.Expression, checker: ts.TypeChecker, depth: number): number | undefined {
  if (depth > 5) return undefined;
  const node = skipParenthesesDown(expression);
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const value = constantNumber(node.operand, checker, depth + 1);
    return value === undefined ? undefined : -value;
  }
  if (ts.isBinaryExpression(node)) {
    const left = constantNumber(node.left, checker, depth + 1);
    const right = constantNumber(node.right, checker, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken: return left + right;
      case ts.SyntaxKind.MinusToken: return left - right;
      case ts.SyntaxKind.AsteriskToken: return left * right;
      case ts.SyntaxKind.SlashToken: return left / right;
      case ts.SyntaxKind.LessThanLessThanToken: return left << right;
      default: return undefined;
    }
  }
  const declaration = constDeclarationOf(node, checker);
  return declaration?.initializer ? constantNumber(declaration.initializer, checker, depth + 1) : undefined;
}

/** The byte size of `Buffer.alloc(n)`, `new Uint8Array(n)`, directly or through a `const`. */
function bufferBytes(expression: ts.Expression, checker: ts.TypeChecker): number | undefined {
  let node = skipParenthesesDown(expression);
  const declaration = constDeclarationOf(node, checker);
  if (declaration?.initializer) node = skipParenthesesDown(declaration.initializer);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments[0]) {
    const receiver = node.expression.expression;
    if (ts.isIdentifier(receiver) && receiver.text === 'Buffer' && ['alloc', 'allocUnsafe', 'allocUnsafeSlow'].includes(node.expression.name.text)) {
      return constantNumber(node.arguments[0], checker, 0);
    }
  }
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && TYPED_ARRAY_BYTES[node.expression.text] && node.arguments?.[0]) {
    const count = constantNumber(node.arguments[0], checker, 0);
    return count === undefined ? undefined : count * TYPED_ARRAY_BYTES[node.expression.text];
  }
  return undefined;
}

function constDeclarationOf(node: ts.Node, checker: ts.TypeChecker): ts.VariableDeclaration | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  return ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const ? declaration : undefined;
}
