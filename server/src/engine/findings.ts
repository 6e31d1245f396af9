// Findings and fixes are plain data: the engine produces them, adapters (LSP, CLI) render them.
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

/** The less severe of two severities (a finding's risk caps the rule's configured severity). */
export function lowerSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_SETTINGS.indexOf(a) <= SEVERITY_SETTINGS.indexOf(b) ? a : b;
}

export interface TextEdit {
  fileName: string;
  /** UTF-16 offsets into the file text the finding was computed from. */
  start: number;
  end: number;
  newText: string;
  /**
   * Line/column of start and end (0-based, UTF-16, LSP counting). Set on fixes whose edits reach
   * other files, whose texts the LSP adapter does not hold.
   */
  range?: { start: LineColumn; end: LineColumn };
}

/**
 * `safe` fixes cannot change behaviour and may run in fix-all; `suggestion` fixes may change timing
 * or error flow (adding `await`), so the user applies them one by one.
 */
export type FixKind = 'safe' | 'suggestion';

export interface Fix {
  title: string;
  kind: FixKind;
  preferred?: boolean;
  /** The "Ignore <rule> on this line" fix: it silences the finding instead of fixing it, so bulk fixes (CLI --fix) never apply it. */
  ignore?: boolean;
  edits: TextEdit[];
}

export interface RelatedLocation {
  fileName: string;
  start: number;
  end: number;
  /** Line/column of start and end, since the related file's text may not be at hand where it is rendered. */
  range: { start: LineColumn; end: LineColumn };
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  concept: string;
  fileName: string;
  start: number;
  end: number;
  fixes: Fix[];
  related?: RelatedLocation[];
  /** Marks findings about code that does nothing (unused suppressions), rendered faded. */
  unnecessary?: boolean;
}

export interface LineColumn {
  /** 0-based line and UTF-16 column, as LSP counts them. */
  line: number;
  character: number;
}

/** Converts offsets to line/column with one pass over the text; CR, LF and CRLF all end a line. */
export class LineMap {
  private readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }
  positionAt(offset: number): LineColumn {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }
  offsetAt(position: LineColumn): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[Math.max(0, position.line)];
    const nextStart = this.lineStarts[position.line + 1] ?? this.text.length;
    return Math.min(lineStart + Math.max(0, position.character), nextStart);
  }
  get lineCount(): number {
    return this.lineStarts.length;
  }
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}

/** Applies edits to a text; edits must not overlap. Later edits are applied first. */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'start' | 'end' | 'newText'>[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let lastStart = Infinity;
  for (const edit of sorted) {
    if (edit.end > lastStart) throw new Error('overlapping edits');
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    lastStart = edit.start;
  }
  return result;
}

/**
 * What fix-all applies to a file: the first safe fix of each finding, in order, except those whose
 * edits overlap edits already chosen (a later run picks them up). The server's fix-all, the CLI's
 * `--fix` and the fix sweep's fixed-point test all follow this.
 */
export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  return chooseFixes(findings, (finding) => finding.fixes.find((candidate) => candidate.kind === 'safe')).flatMap(({ fix }) => fix.edits);
}

/**
 * One fix per finding (`pick` says which, or none), in order, skipping those whose edits overlap
 * edits already chosen: the fixes that can be applied together in one pass.
 */
export function chooseFixes(findings: readonly Finding[], pick: (finding: Finding) => Fix | undefined): { finding: Finding; fix: Fix }[] {
  const chosen: { finding: Finding; fix: Fix }[] = [];
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const fix = pick(finding);
    if (!fix) continue;
    const overlaps = fix.edits.some((edit) => edits.some((other) => edit.fileName === other.fileName && edit.start < other.end && other.start < edit.end));
    if (overlaps) continue;
    chosen.push({ finding, fix });
    edits.push(...fix.edits);
  }
  return chosen;
}
