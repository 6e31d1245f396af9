// Who calls a project function, across the program's own files: what a fix needs to know before it
// changes the function's signature (making it async, say). Found with the checker: every identifier
// of the function's name is resolved, so shadowing locals and same-named functions do not count.
import { ts } from '../compiler';
import { resolveAlias } from './aliases';
import { FunctionLike, skipParenthesesUp } from './functions';

/**
 * The calls of `fn` in the program: `fn(...)` or `ns.fn(...)`. Undefined when `fn` is used in any
 * other way (passed as a value, exported as a property, `typeof fn`, reassigned), since such uses
 * cannot be followed. Import and export specifiers are not uses.
 */
export function callSitesOf(fn: FunctionLike, program: ts.Program, checker: ts.TypeChecker): ts.CallExpression[] | undefined {
  const nameNode = declaredNameOf(fn);
  if (!nameNode) return undefined;
  const target = checker.getSymbolAtLocation(nameNode);
  if (!target || (target.declarations?.length ?? 0) > 1) return undefined; // overloads, merged declarations
  const name = nameNode.text;
  const calls: ts.CallExpression[] = [];
  let followable = true;
  for (const sourceFile of program.getSourceFiles()) {
    if (!followable) break;
    if (sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/') || !sourceFile.text.includes(name)) continue;
    const visit = (node: ts.Node): void => {
      if (!followable) return;
      if (ts.isIdentifier(node) && node.text === name && node !== nameNode && refersTo(node, target, checker)) {
        const call = callMadeBy(node);
        if (call) calls.push(call);
        else if (!isSpecifier(node)) followable = false;
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return followable ? calls : undefined;
}

function declaredNameOf(fn: FunctionLike): ts.Identifier | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name;
  const holder = skipParenthesesUp(fn).parent;
  if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name;
  return undefined;
}

function refersTo(identifier: ts.Identifier, target: ts.Symbol, checker: ts.TypeChecker): boolean {
  let symbol = checker.getSymbolAtLocation(identifier);
  symbol = resolveAlias(checker, symbol);
  return symbol === target;
}

/** `name(...)` or `ns.name(...)`, with the reference in callee position. */
function callMadeBy(identifier: ts.Identifier): ts.CallExpression | undefined {
  let callee: ts.Node = identifier;
  if (ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier) callee = identifier.parent;
  callee = skipParenthesesUp(callee);
  const parent = callee.parent;
  return parent && ts.isCallExpression(parent) && parent.expression === callee ? parent : undefined;
}

function isSpecifier(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent);
}
