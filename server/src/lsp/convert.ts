// Engine data -> LSP shapes. The only place that maps findings to diagnostics and fixes to edits.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { conceptAnchor, conceptDocRelativePath, conceptTitle } from '../engine/concepts';
import type { Finding, Fix } from '../engine/findings';

export const SOURCE = 'loopguard';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.loopguard`;
export const LEARN_COMMAND = 'loopguard.learn';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Data kept on each diagnostic so code actions can find the finding again. */
export interface DiagnosticData {
  version: number;
  index: number;
}

/** The bundled concept page, so links work offline and inside VS Code. */
export function conceptUri(packageRoot: string, slug: string, sourceFile?: string): string {
  return fileUri(path.join(packageRoot, conceptDocRelativePath(slug))) + conceptAnchor(sourceFile);
}

const fileUris = new Map<string, string>();

/**
 * A file's URI, remembered: every diagnostic links its concept page and related locations, and
 * pathToFileURL percent-encodes the whole path each time (~1 ms of a keystroke's 76 diagnostics).
 */
function fileUri(fileName: string): string {
  let uri = fileUris.get(fileName);
  if (uri === undefined) {
    if (fileUris.size >= 10_000) fileUris.clear();
    uri = pathToFileURL(fileName).toString();
    fileUris.set(fileName, uri);
  }
  return uri;
}

export function toDiagnostic(finding: Finding, document: TextDocument, index: number, packageRoot: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    message: finding.message,
    data: { version: document.version, index } satisfies DiagnosticData,
  };
  if (finding.concept) diagnostic.codeDescription = { href: conceptUri(packageRoot, finding.concept, finding.fileName) };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: fileUri(related.fileName), range: related.range },
      message: related.message,
    }));
  }
  return diagnostic;
}

/** Edits pinned to the document version they were computed for: VS Code refuses them on a newer version. */
export function toDocumentEdit(document: TextDocument, fix: Pick<Fix, 'edits'>): TextDocumentEdit {
  const identifier = OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version);
  const edits = fix.edits.map((edit) => TextEdit.replace({ start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, edit.newText));
  return TextDocumentEdit.create(identifier, edits);
}

/**
 * A fix's edits per document: the analysed document's own (pinned to its version), then one
 * unversioned edit per other file the fix reaches ("make helper async" rewrites the helper's file
 * and its callers), positioned by the line/column ranges the engine computed from that file's text.
 */
export function toDocumentEdits(document: TextDocument, fix: Pick<Fix, 'edits'>): TextDocumentEdit[] {
  const ownFile = document.uri.startsWith('file:') ? fileURLToPath(document.uri) : undefined;
  const isOwn = (edit: Fix['edits'][number]) => edit.fileName === ownFile || !edit.range;
  const others = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) {
    if (isOwn(edit) || !edit.range) continue;
    const list = others.get(edit.fileName) ?? [];
    list.push(TextEdit.replace(edit.range, edit.newText));
    others.set(edit.fileName, list);
  }
  const own = toDocumentEdit(document, { edits: fix.edits.filter(isOwn) });
  const rest = [...others].map(([fileName, edits]) =>
    TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(pathToFileURL(fileName).toString(), null), edits),
  );
  return own.edits.length > 0 ? [own, ...rest] : rest;
}

export function fixAction(document: TextDocument, fix: Fix, diagnostic: Diagnostic | undefined): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: fix.preferred ?? false,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    edit: { documentChanges: toDocumentEdits(document, fix) },
  };
}

/** `sourceFile`: the finding's file, so that a Python finding opens the page at its Python section. */
export function learnAction(packageRoot: string, slug: string, diagnostic: Diagnostic | undefined, sourceFile?: string): CodeAction {
  return {
    title: `Learn: ${conceptTitle(slug)}`,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    command: { title: `Learn: ${conceptTitle(slug)}`, command: LEARN_COMMAND, arguments: [conceptUri(packageRoot, slug, sourceFile)] },
  };
}
