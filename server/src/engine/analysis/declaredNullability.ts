// Whether a variable, property or getter may hold null/undefined by what its declarations say,
// whatever the checker's type says. With `strictNullChecks` off the checker erases `| null` and
// `| undefined` from every type, so `private closing: Promise<void> | null` has the type
// `Promise<void>` and `if (this.closing) return;` (a promise used as an "in progress" flag) looks
// always true. The declarations still say it: an annotation (or JSDoc `@type`) with `null`,
// `undefined` or `?`, an initialiser `= null` / `= undefined` / `= void 0`, or an assignment of
// one of those anywhere in the declaring file (`this.closing = null` in `finally`). Answered the
// same for `this.x`, `other.x`, `other?.x`, `x['name']`, a plain variable and a getter (through its
// annotation or the expressions it returns).
import { ts } from '../compiler';
import { resolveAlias } from './aliases';
import { noteFileScan } from '../unitReads';

const MAX_DEPTH = 3;

/** `expression` reads a declaration that says it may be null or undefined. */
export function mayBeNullishByDeclaration(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  return nullishByDeclaration(expression, checker, 0);
}

function nullishByDeclaration(expression: ts.Expression, checker: ts.TypeChecker, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = skipParentheses(expression);
  const symbol = symbolRead(e, checker);
  if (!symbol) return false;
  for (const declaration of symbol.declarations ?? []) {
    if (declarationSaysNullish(declaration, checker, depth)) return true;
  }
  return assignedNullishInFile(symbol, symbol.declarations?.[0]?.getSourceFile(), checker);
}

function symbolRead(e: ts.Expression, checker: ts.TypeChecker): ts.Symbol | undefined {
  let name: ts.Node | undefined;
  if (ts.isIdentifier(e)) name = e;
  else if (ts.isPropertyAccessExpression(e)) name = e.name;
  else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) name = e.argumentExpression;
  if (!name) return undefined;
  return resolveAlias(checker, checker.getSymbolAtLocation(name));
}

function declarationSaysNullish(declaration: ts.Declaration, checker: ts.TypeChecker, depth: number): boolean {
  if (ts.isGetAccessorDeclaration(declaration)) {
    const annotation = declaration.type ?? ts.getJSDocReturnType(declaration);
    // Without strictNullChecks an annotation without null proves nothing: the returns still tell.
    if (annotation && typeNodeAdmitsNullish(annotation, checker)) return true;
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) {
        found = isNullishExpression(node.expression) || nullishByDeclaration(node.expression, checker, depth + 1);
        return;
      }
      ts.forEachChild(node, visit);
    };
    if (declaration.body) ts.forEachChild(declaration.body, visit);
    return found;
  }
  if (
    ts.isPropertyDeclaration(declaration) ||
    ts.isPropertySignature(declaration) ||
    ts.isVariableDeclaration(declaration) ||
    ts.isParameter(declaration)
  ) {
    if ((ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration) || ts.isParameter(declaration)) && declaration.questionToken) return true;
    const annotation = declaration.type ?? ts.getJSDocType(declaration);
    if (annotation && typeNodeAdmitsNullish(annotation, checker)) return true;
    if (ts.isParameter(declaration) || ts.isPropertySignature(declaration)) return false; // a default value is never null
    return !!declaration.initializer && isNullishExpression(declaration.initializer);
  }
  // JavaScript: `this.closing = null`, with or without `/** @type {Promise<void>|null} */`.
  if (ts.isBinaryExpression(declaration) && declaration.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const statement = ts.isExpressionStatement(declaration.parent) ? declaration.parent : undefined;
    const annotation = statement && ts.getJSDocType(statement);
    if (annotation && typeNodeAdmitsNullish(annotation, checker)) return true;
    return isNullishExpression(declaration.right);
  }
  return false;
}

/** `T | null`, `T | undefined`, `?T`, `T=` (JSDoc), `null`, `undefined`, `void`, and aliases of those. */
function typeNodeAdmitsNullish(node: ts.TypeNode, checker: ts.TypeChecker, depth = 0): boolean {
  const admits = (inner: ts.TypeNode): boolean => typeNodeAdmitsNullish(inner, checker, depth);
  if (ts.isParenthesizedTypeNode(node)) return admits(node.type);
  if (ts.isUnionTypeNode(node)) return node.types.some(admits);
  if (ts.isJSDocNullableType(node) || ts.isJSDocOptionalType(node)) return true;
  if (ts.isLiteralTypeNode(node)) return node.literal.kind === ts.SyntaxKind.NullKeyword;
  if (ts.isTypeReferenceNode(node)) return aliasAdmitsNullish(node, checker, depth);
  return node.kind === ts.SyntaxKind.UndefinedKeyword || node.kind === ts.SyntaxKind.NullKeyword || node.kind === ts.SyntaxKind.VoidKeyword;
}

/** `type Pending = Promise<void> | null`: the alias's own declaration says so (a few levels deep). */
function aliasAdmitsNullish(node: ts.TypeReferenceNode, checker: ts.TypeChecker, depth: number): boolean {
  if (depth >= MAX_DEPTH) return false;
  const symbol = resolveAlias(checker, checker.getSymbolAtLocation(node.typeName));
  return (symbol?.declarations ?? []).some((declaration) => ts.isTypeAliasDeclaration(declaration) && typeNodeAdmitsNullish(declaration.type, checker, depth + 1));
}

function isNullishExpression(expression: ts.Expression): boolean {
  const e = skipParentheses(expression);
  if (e.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(e)) return e.text === 'undefined';
  return ts.isVoidExpression(e);
}

function skipParentheses(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
  return e;
}

/** Per checker (symbols belong to one program), per file. */
const nullishTargets = new WeakMap<ts.TypeChecker, WeakMap<ts.SourceFile, Set<ts.Symbol>>>();

/** `x = null`, `this.x = undefined`, `obj.x = void 0` anywhere in the file that declares the symbol. */
function assignedNullishInFile(symbol: ts.Symbol, file: ts.SourceFile | undefined, checker: ts.TypeChecker): boolean {
  if (!file || file.isDeclarationFile) return false;
  noteFileScan(file); // the per-unit cache: this answer depends on every unit of the file
  let byFile = nullishTargets.get(checker);
  if (!byFile) {
    byFile = new WeakMap();
    nullishTargets.set(checker, byFile);
  }
  let targets = byFile.get(file);
  if (!targets) {
    const found = new Set<ts.Symbol>();
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isNullishExpression(node.right)) {
        const target = symbolRead(skipParentheses(node.left), checker);
        if (target) found.add(target);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    targets = found;
    byFile.set(file, targets);
  }
  return targets.has(symbol);
}
