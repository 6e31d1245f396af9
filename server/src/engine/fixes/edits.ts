// Plain text edits: replace a node, insert at an offset, the file's indentation and line break,
// line/column ranges for edits that span files.
import { ts } from '../compiler';
import { LineMap, TextEdit } from '../findings';

export function replaceNode(node: ts.Node, newText: string): TextEdit {
  const sourceFile = node.getSourceFile();
  return { fileName: sourceFile.fileName, start: node.getStart(sourceFile), end: node.getEnd(), newText };
}

export function insertAt(sourceFile: ts.SourceFile, offset: number, newText: string): TextEdit {
  return { fileName: sourceFile.fileName, start: offset, end: offset, newText };
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
export function newlineOf(file: { readonly text: string }): string {
  const text = file.text;
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf < 0 && text.includes('\r')) return '\r';
  return '\n';
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

/** Two new imports at the same place become one edit, so editors apply them in order. */
export function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const previous = merged.find((other) => other.start === edit.start && other.end === edit.end && other.start === other.end && edit.start === edit.end);
    if (previous) previous.newText += edit.newText;
    else merged.push({ ...edit });
  }
  return merged;
}

/** Can `.catch` (a member access) follow this expression without parentheses? */
export function isMemberReceiver(expression: ts.Expression): boolean {
  return (
    ts.isIdentifier(expression) ||
    ts.isCallExpression(expression) ||
    ts.isPropertyAccessExpression(expression) ||
    ts.isElementAccessExpression(expression) ||
    ts.isParenthesizedExpression(expression) ||
    ts.isArrayLiteralExpression(expression) ||
    (ts.isNewExpression(expression) && expression.arguments !== undefined) ||
    expression.kind === ts.SyntaxKind.ThisKeyword
  );
}

/** The expression's text as the receiver of a member access: in parentheses unless it can do without. */
export function receiverText(expression: ts.Expression, sourceFile: ts.SourceFile): string {
  const text = expression.getText(sourceFile);
  return isMemberReceiver(expression) ? text : `(${text})`;
}

/** Inserts `text` as a statement of its own on a new line after `statement`, at its indentation. */
export function insertStatementAfter(statement: ts.Statement, text: string): TextEdit {
  const sourceFile = statement.getSourceFile();
  return insertAt(sourceFile, statement.getEnd(), `${newlineOf(sourceFile)}${indentationAt(sourceFile, statement.getStart(sourceFile))}${text}`);
}
