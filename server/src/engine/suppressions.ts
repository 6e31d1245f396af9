// `// loopguard-ignore-next-line <rule>[, <rule>] -- <reason>`, `// loopguard-ignore-line ...`
// (on the line it silences) and `// loopguard-ignore-file ...`. A directive that silences nothing
// is itself reported, so stale suppressions do not pile up.
import type { Finding, LineMap, TextEdit } from './findings';

export const UNUSED_SUPPRESSION_RULE = 'unused-suppression';

export type DirectiveKind = 'next-line' | 'line' | 'file';

export interface Directive {
  kind: DirectiveKind;
  rules: string[];
  reason: string;
  /** Offsets of the directive comment text. */
  start: number;
  end: number;
  /** 0-based line the directive applies to (for next-line and line). */
  targetLine: number;
  used: boolean;
}

const DIRECTIVE = /(?:\/\/|\/\*)\s*loopguard-ignore-(next-line|line|file)\b([^\r\n]*?)(?:\*\/|$)/gm;

export function parseDirectives(text: string, lines: LineMap): Directive[] {
  if (!text.includes('loopguard-ignore-')) return [];
  const directives: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const start = match.index ?? 0;
    const kind = match[1] as DirectiveKind;
    const [ruleList, ...reasonParts] = match[2].split('--');
    const rules = ruleList
      .split(/[\s,]+/)
      .map((rule) => rule.trim())
      .filter(Boolean);
    const line = lines.positionAt(start).line;
    directives.push({
      kind,
      rules,
      reason: reasonParts.join('--').trim(),
      start,
      end: start + match[0].length,
      targetLine: kind === 'next-line' ? line + 1 : line,
      used: false,
    });
  }
  return directives;
}

/** Drops suppressed findings, marks the directives that were used. A directive without rules silences all. */
export function applySuppressions(findings: Finding[], directives: Directive[], lines: LineMap): Finding[] {
  if (directives.length === 0) return findings;
  return findings.filter((finding) => {
    const line = lines.positionAt(finding.start).line;
    const directive = directives.find(
      (candidate) =>
        (candidate.rules.length === 0 || candidate.rules.includes(finding.ruleId)) &&
        (candidate.kind === 'file' || candidate.targetLine === line),
    );
    if (!directive) return true;
    directive.used = true;
    return false;
  });
}

/** The edit for "Ignore with a reason": a next-line directive above the finding's line, same indentation. */
export function ignoreNextLineEdit(finding: Finding, lines: LineMap, newline: string): TextEdit {
  const line = lines.positionAt(finding.start).line;
  const lineStart = lines.lineStart(line);
  const indentation = /^[ \t]*/.exec(lines.text.slice(lineStart))?.[0] ?? '';
  return {
    fileName: finding.fileName,
    start: lineStart,
    end: lineStart,
    newText: `${indentation}// loopguard-ignore-next-line ${finding.ruleId} -- ${REASON_PLACEHOLDER}${newline}`,
  };
}

/** Shown in the inserted directive so the user types the reason over it. */
export const REASON_PLACEHOLDER = 'reason';
