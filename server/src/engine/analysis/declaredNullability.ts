// Does the declaration behind a read say it may hold null or undefined, whatever the checker's
// type says? With `strictNullChecks` off the checker erases `| null` / `| undefined`, so a
// `private closing: Promise<void> | null` field read as `if (this.closing) return;` looks like an
// always-true promise condition. The declaration still says "null while nothing is in progress".
// Consistent across `this.x`, `other.x`, plain variables and getters.
import { ts } from '../compiler';
import { isNullishLiteral, skipParenthesesDown } from './functions';

const MAX_ALIAS_DEPTH = 5;

/**
 * True when the declaration of what `node` reads (a variable, parameter, property, or getter;
 * through `this.x`, `other.x`, `other['x']`) allows null or undefined: an annotation (TypeScript
 * or JSDoc) with `null`, `undefined` or `void` in a union (also through type aliases), an optional
 * `x?:`, an initialiser `= null` / `= undefined`, a JavaScript `this.x = null` assignment, or a
 * getter declared so or returning `null`/`undefined` somewhere.
 */
export function declaredTypeAllowsNullish(node: ts.Expression, checker: ts.TypeChecker): boolean {
  const e = skipParenthesesDown(node);
  let target: ts.Node = e;
  if (ts.isPropertyAccessExpression(e)) target = e.name;
  else if (ts.isElementAccessExpression(e)) target = e.argumentExpression;
  let symbol = ts.isElementAccessExpression(e) ? checker.getSymbolAtLocation(e) ?? checker.getSymbolAtLocation(target) : checker.getSymbolAtLocation(target);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  if (!symbol) return false;
  return (symbol.declarations ?? []).some((declaration) => declarationAllowsNullish(declaration, checker));
}

function declarationAllowsNullish(declaration: ts.Declaration, checker: ts.TypeChecker): boolean {
  if (
    ts.isPropertyDeclaration(declaration) ||
    ts.isPropertySignature(declaration) ||
    ts.isVariableDeclaration(declaration) ||
    ts.isParameter(declaration) ||
    ts.isPropertyAssignment(declaration)
  ) {
    if ((ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration) || ts.isParameter(declaration)) && declaration.questionToken) return true;
    const annotation = ('type' in declaration ? declaration.type : undefined) ?? ts.getJSDocType(declaration);
    if (annotation && typeNodeAllowsNullish(annotation, checker, 0)) return true;
    const initializer = 'initializer' in declaration ? declaration.initializer : undefined;
    return !!initializer && isNullishLiteral(skipParenthesesDown(initializer));
  }
  if (ts.isGetAccessorDeclaration(declaration)) {
    const annotation = declaration.type ?? ts.getJSDocReturnType(declaration);
    if (annotation) return typeNodeAllowsNullish(annotation, checker, 0);
    return returnsNullish(declaration);
  }
  // JavaScript: `this.closing = null` in a constructor or method declares the property.
  if (ts.isBinaryExpression(declaration) && declaration.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const annotation = ts.getJSDocType(declaration.parent) ?? ts.getJSDocType(declaration);
    if (annotation && typeNodeAllowsNullish(annotation, checker, 0)) return true;
    return isNullishLiteral(skipParenthesesDown(declaration.right));
  }
  if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent) && declaration.parent.left === declaration) {
    return declarationAllowsNullish(declaration.parent as unknown as ts.Declaration, checker);
  }
  return false;
}

function typeNodeAllowsNullish(type: ts.TypeNode, checker: ts.TypeChecker, depth: number): boolean {
  switch (type.kind) {
    case ts.SyntaxKind.UndefinedKeyword:
    case ts.SyntaxKind.VoidKeyword:
    case ts.SyntaxKind.JSDocNullableType:
    case ts.SyntaxKind.JSDocOptionalType:
      return true;
    case ts.SyntaxKind.LiteralType:
      return (type as ts.LiteralTypeNode).literal.kind === ts.SyntaxKind.NullKeyword;
    case ts.SyntaxKind.ParenthesizedType:
      return typeNodeAllowsNullish((type as ts.ParenthesizedTypeNode).type, checker, depth);
    case ts.SyntaxKind.UnionType:
      return (type as ts.UnionTypeNode).types.some((part) => typeNodeAllowsNullish(part, checker, depth));
    case ts.SyntaxKind.TypeReference: {
      if (depth >= MAX_ALIAS_DEPTH) return false;
      let symbol = checker.getSymbolAtLocation((type as ts.TypeReferenceNode).typeName);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      return (symbol?.declarations ?? []).some((declaration) => ts.isTypeAliasDeclaration(declaration) && typeNodeAllowsNullish(declaration.type, checker, depth + 1));
    }
    default:
      return false;
  }
}

/** A getter without an annotation that returns `null` or `undefined` (or nothing) on some path. */
function returnsNullish(getter: ts.GetAccessorDeclaration): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && (!node.expression || isNullishLiteral(skipParenthesesDown(node.expression)))) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  if (getter.body) ts.forEachChild(getter.body, visit);
  return found;
}
