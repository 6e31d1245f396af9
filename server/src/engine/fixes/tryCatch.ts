// Wrapping a function body in try/catch, re-indented one level.
import { ts } from '../compiler';
import type { TextEdit } from '../findings';
import type { FunctionLike } from '../analysis/functions';
import { indentationAt, newlineOf, replaceNode } from './edits';

/**
 * Replaces a block body with `{ try { <body> } catch (error) { <handler> } }`, re-indenting the
 * body one level. Undefined when a multi-line string or template would change by re-indenting,
 * or when `error` is already bound by the body (the catch would not see the outer one anyway).
 */
export function wrapBodyInTry(fn: FunctionLike, handler: string): TextEdit | undefined {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return undefined;
  const sourceFile = body.getSourceFile();
  if (hasMultilineLiteral(body)) return undefined;
  const nl = newlineOf(sourceFile);
  const text = body.getText(sourceFile);
  const inner = text.slice(1, -1);
  if (!/[\r\n]/.test(inner)) {
    const statements = inner.trim();
    return replaceNode(body, `{ try {${statements ? ` ${statements} ` : ' '}} catch (error) { ${handler} } }`);
  }
  const base = indentationAt(sourceFile, body.getEnd() - 1);
  const unit = indentationUnit(body, base, sourceFile);
  const lines = inner.split(/\r\n|\r|\n/);
  const first = lines.shift() ?? '';
  const last = lines.pop() ?? '';
  if (last.trim()) lines.push(last.trimEnd());
  const indented = lines.map((line) => (line.trim() ? unit + line : ''));
  const out = [
    `{${nl}${base}${unit}try {${first.trim() ? ` ${first.trim()}` : ''}`,
    ...indented,
    `${base}${unit}} catch (error) {`,
    `${base}${unit}${unit}${handler}`,
    `${base}${unit}}`,
    `${base}}`,
  ];
  return replaceNode(body, out.join(nl));
}

/** The file's indentation step inside `body`: what its first statement adds to `base`, else two spaces (a tab in tab-indented code). */
export function indentationUnit(body: ts.Block, base: string, sourceFile: ts.SourceFile): string {
  const first = body.statements[0];
  if (first) {
    const own = indentationAt(sourceFile, first.getStart(sourceFile));
    if (own.startsWith(base) && own.length > base.length) return own.slice(base.length);
  }
  return base.includes('\t') ? '\t' : '  ';
}

/** A multi-line string or template inside `node` (re-indenting its lines would change its value). */
export function hasMultilineLiteral(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (
      (ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child) || ts.isTemplateExpression(child)) &&
      /[\r\n]/.test(child.getText())
    ) {
      found = true;
      return;
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}
