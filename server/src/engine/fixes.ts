// Building blocks for fixes, shared by the rules. Every builder returns plain TextEdits; they never
// guess: when an edit could change meaning or break syntax, the builder returns undefined.
import { ts } from './compiler';
import { LineMap, TextEdit } from './findings';

export function replaceNode(node: ts.Node, newText: string): TextEdit {
  const sourceFile = node.getSourceFile();
  return { fileName: sourceFile.fileName, start: node.getStart(sourceFile), end: node.getEnd(), newText };
}

export function insertAt(sourceFile: ts.SourceFile, offset: number, newText: string): TextEdit {
  return { fileName: sourceFile.fileName, start: offset, end: offset, newText };
}

/**
 * Whether `await <expr>` must be parenthesised where `expr` stands: `(await p).x`, `(await f)()`,
 * `new (await C)()`. Binary, call-argument and statement positions need no parentheses.
 */
export function awaitNeedsParentheses(expression: ts.Node): boolean {
  const parent = expression.parent;
  if (!parent || ts.isParenthesizedExpression(parent)) return false; // already parenthesised
  return (
    ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === expression) ||
    ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === expression) ||
    (ts.isTaggedTemplateExpression(parent) && parent.tag === expression) ||
    ts.isNonNullExpression(parent) ||
    ts.isAsExpression(parent) ||
    ts.isSatisfiesExpression(parent) ||
    (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken && parent.left === expression)
  );
}

/** `await <expression>`, with the parentheses its position needs. */
export function awaitText(expression: ts.Node, innerText: string): string {
  return awaitNeedsParentheses(expression) ? `(await ${innerText})` : `await ${innerText}`;
}

/** Inserts `await ` before the expression (with parentheses where needed). */
export function addAwaitEdits(expression: ts.Expression): TextEdit[] {
  const sourceFile = expression.getSourceFile();
  const text = expression.getText(sourceFile);
  return [replaceNode(expression, awaitText(expression, needsOperandParentheses(expression) ? `(${text})` : text))];
}

/** `await a || b` would await only `a`: low-precedence operands get parentheses. */
export function needsOperandParentheses(expression: ts.Expression): boolean {
  return (
    ts.isBinaryExpression(expression) ||
    ts.isConditionalExpression(expression) ||
    ts.isArrowFunction(expression) ||
    ts.isYieldExpression(expression) ||
    ts.isAsExpression(expression) ||
    ts.isSatisfiesExpression(expression)
  );
}

/** The indentation (spaces/tabs) of the line containing `offset`. */
export function indentationAt(sourceFile: ts.SourceFile, offset: number): string {
  const text = sourceFile.text;
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let end = lineStart;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(lineStart, end);
}

/** The line break the file uses, so inserted lines match it. */
export function newlineOf(sourceFile: ts.SourceFile): string {
  const text = sourceFile.text;
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf < 0 && text.includes('\r')) return '\r';
  return '\n';
}

export type ModuleStyle = 'esm' | 'commonjs';

/** ESM when the file has import/export syntax, or is TypeScript without `require`. */
export function moduleStyleOf(sourceFile: ts.SourceFile): ModuleStyle {
  const hasEsm = sourceFile.statements.some(
    (statement) => ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement),
  );
  if (hasEsm) return 'esm';
  const isTs = /\.[cm]?tsx?$/.test(sourceFile.fileName);
  const usesRequire = /\brequire\s*\(/.test(sourceFile.text);
  return isTs && !usesRequire ? 'esm' : 'commonjs';
}

/** Where a new import goes: after the last import/require at the top, else at the start (after a shebang and leading comments). */
export function importInsertionOffset(sourceFile: ts.SourceFile): { offset: number; before: string; after: string } {
  const nl = newlineOf(sourceFile);
  let lastImport: ts.Statement | undefined;
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || isTopLevelRequire(statement)) lastImport = statement;
    else if (!isDirectivePrologue(statement)) break;
  }
  if (lastImport) return { offset: lastImport.getEnd(), before: nl, after: '' };
  const first = sourceFile.statements.find((statement) => !isDirectivePrologue(statement));
  if (!first) return { offset: sourceFile.getEnd(), before: sourceFile.text.length > 0 ? nl : '', after: nl };
  return { offset: first.getStart(sourceFile), before: '', after: nl };
}

function isDirectivePrologue(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

function isTopLevelRequire(statement: ts.Statement): boolean {
  if (!ts.isVariableStatement(statement)) return false;
  return statement.declarationList.declarations.every((declaration) => {
    const init = declaration.initializer;
    return !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require';
  });
}

/** Is `name` free to introduce at file scope and use at `location` (nothing of that name is visible there)? */
export function isNameFree(checker: ts.TypeChecker, location: ts.Node, name: string): boolean {
  const symbols = checker.getSymbolsInScope(location, ts.SymbolFlags.Value | ts.SymbolFlags.Alias);
  return !symbols.some((symbol) => symbol.name === name);
}

/** The edits with their line/column ranges filled in, from the texts the program holds (for fixes that span files). */
export function withLineColumns(edits: TextEdit[], program: ts.Program): TextEdit[] {
  const lineMaps = new Map<string, LineMap>();
  return edits.map((edit) => {
    const text = program.getSourceFile(edit.fileName)?.text;
    if (text === undefined) return edit;
    let lines = lineMaps.get(edit.fileName);
    if (!lines) lineMaps.set(edit.fileName, (lines = new LineMap(text)));
    return { ...edit, range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) } };
  });
}
