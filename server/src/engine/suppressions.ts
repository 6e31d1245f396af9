// `// loopguard-ignore-next-line <rule>[, <rule>] -- <reason>`, `// loopguard-ignore-line ...`
// (on the line it silences) and `// loopguard-ignore-file ...`. A directive that silences nothing
// is itself reported, so stale suppressions do not pile up.
// ESLint's own directives (`eslint-disable-next-line`, `eslint-disable-line`, `/* eslint-disable */`
// to `/* eslint-enable */`) are honoured for the ESLint rules that have an equivalent here
// (ESLINT_EQUIVALENTS), so a team switching from ESLint keeps its annotations; they are never
// reported as unused (they belong to ESLint).
// Python files take the same directives after `#` (read from the file's comments:
// python/suppressions.ts), and Ruff/flake8's `# noqa` for the codes in NOQA_EQUIVALENTS.
import type { Finding, LineMap, TextEdit } from './findings';

export const UNUSED_SUPPRESSION_RULE = 'unused-suppression';

export type DirectiveKind = 'next-line' | 'line' | 'file' | 'range';

/**
 * ESLint rules and the Loop Guard rules they are equivalent to: an ESLint directive that names one
 * silences these. The README's "Migrating from ESLint" table is checked against this one.
 */
export const ESLINT_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = {
  '@typescript-eslint/no-floating-promises': ['floating-promise'],
  '@typescript-eslint/no-misused-promises': ['unhandled-rejection', 'missing-await'],
  '@typescript-eslint/await-thenable': ['await-non-promise'],
  '@typescript-eslint/return-await': ['missing-await'],
  'n/no-sync': ['blocking-call'],
  'node/no-sync': ['blocking-call'],
  'no-sync': ['blocking-call'],
};

/**
 * Ruff / flake8(-async) codes and the Loop Guard rules they are equivalent to: a `# noqa: <code>`
 * silences these on its line (a bare `# noqa` silences every rule listed here, as flake8 does).
 * From ../shared/reference/python-async-rules.md: the ASYNC2xx blocking calls, the dangling task
 * (Ruff's RUF006, flake8-async's ASYNC300), the un-awaited call (ASYNC105, trio's functions) and
 * the swallowed cancellation (ASYNC103). The README's "Migrating from Ruff" table is checked against it.
 */
export const NOQA_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = {
  ASYNC210: ['blocking-call'],
  ASYNC211: ['blocking-call'],
  ASYNC212: ['blocking-call'],
  ASYNC220: ['blocking-call'],
  ASYNC221: ['blocking-call'],
  ASYNC222: ['blocking-call'],
  ASYNC230: ['blocking-call'],
  ASYNC231: ['blocking-call'],
  ASYNC232: ['blocking-call'],
  ASYNC240: ['blocking-call'],
  ASYNC250: ['blocking-call'],
  ASYNC251: ['blocking-call'],
  ASYNC103: ['cancellation-swallowed'],
  ASYNC105: ['unawaited-coroutine'],
  ASYNC300: ['dangling-task'],
  RUF006: ['dangling-task'],
};

/**
 * Type checkers' error codes for the same mistake: `# type: ignore[unused-coroutine]` (mypy) and
 * `# pyright: ignore[reportUnusedCoroutine]` on a line silence these rules there, so a call a
 * project already marked as deliberately not awaited is not reported again. A bare
 * `# type: ignore` silences every type error of the line, not ours. The README's table is checked against it.
 */
export const TYPE_IGNORE_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = {
  'unused-coroutine': ['unawaited-coroutine'],
  'unused-awaitable': ['unawaited-coroutine'],
  reportUnusedCoroutine: ['unawaited-coroutine'],
};

export interface Directive {
  kind: DirectiveKind;
  rules: string[];
  reason: string;
  /** Offsets of the directive comment text. */
  start: number;
  end: number;
  /** 0-based line the directive applies to (for next-line and line). */
  targetLine: number;
  /** For `range` (ESLint's disable ... enable): the offset where it ends. */
  rangeEnd?: number;
  /** An ESLint directive: honoured, never reported as unused. */
  eslint?: boolean;
  /** A Ruff/flake8 `# noqa` comment: honoured, never reported as unused (it belongs to Ruff). */
  noqa?: boolean;
  used: boolean;
}

const DIRECTIVE = /(?:\/\/|\/\*)\s*loopguard-ignore-(next-line|line|file)\b([^\r\n]*?)(?:\*\/|$)/gm;

export function parseDirectives(text: string, lines: LineMap): Directive[] {
  // Ours first: where both kinds silence a finding, ours is the one used (the ESLint one is never reported).
  const eslint = text.includes('eslint-') ? parseEslintDirectives(text, lines) : [];
  if (!text.includes('loopguard-ignore-')) return eslint;
  const directives: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const start = match.index ?? 0;
    directives.push(directiveOf(match[1] as 'next-line' | 'line' | 'file', match[2], start, start + match[0].length, lines));
  }
  return [...directives, ...eslint];
}

/** One of our directives from its kind and what follows it (`<rule>, <rule> -- <reason>`). */
export function directiveOf(kind: 'next-line' | 'line' | 'file', body: string, start: number, end: number, lines: LineMap): Directive {
  const [ruleList, ...reasonParts] = body.split('--');
  const rules = ruleList
    .split(/[\s,]+/)
    .map((rule) => rule.trim())
    .filter(Boolean);
  const line = lines.positionAt(start).line;
  return {
    kind,
    rules,
    reason: reasonParts.join('--').trim(),
    start,
    end,
    targetLine: kind === 'next-line' ? line + 1 : line,
    used: false,
  };
}

/** Drops suppressed findings, marks the directives that were used. A directive without rules silences all. */
export function applySuppressions(findings: Finding[], directives: Directive[], lines: LineMap): Finding[] {
  if (directives.length === 0) return findings;
  return findings.filter((finding) => {
    const line = lines.positionAt(finding.start).line;
    const directive = directives.find(
      (candidate) =>
        (candidate.rules.length === 0 || candidate.rules.includes(finding.ruleId)) &&
        (candidate.kind === 'file' ||
          (candidate.kind === 'range' ? candidate.start <= finding.start && finding.start < (candidate.rangeEnd ?? Infinity) : candidate.targetLine === line)),
    );
    if (!directive) return true;
    directive.used = true;
    return false;
  });
}

const ESLINT_DIRECTIVE = /\/\/[ \t]*eslint-(disable-next-line|disable-line)\b([^\r\n]*)|\/\*\s*eslint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)\*\//g;

/** Every ESLint rule with an equivalent: what a directive without a rule list names. */
const MAPPED_ESLINT_RULES = Object.keys(ESLINT_EQUIVALENTS);

/**
 * ESLint's directives, as directives on our equivalent rules. A directive without a rule list
 * silences every ESLint rule, so here every rule that has an ESLint equivalent (our other rules were
 * never ESLint's to silence). `// eslint-disable` as a line comment does nothing in ESLint either.
 */
function parseEslintDirectives(text: string, lines: LineMap): Directive[] {
  const directives: Directive[] = [];
  /** ESLint rule -> offset where its open `eslint-disable` started. */
  const open = new Map<string, number>();
  const closeRange = (eslintRule: string, from: number, to: number) => {
    directives.push({ kind: 'range', rules: [...ESLINT_EQUIVALENTS[eslintRule]], reason: '', start: from, end: from, targetLine: lines.positionAt(from).line, rangeEnd: to, eslint: true, used: false });
  };
  for (const match of text.matchAll(ESLINT_DIRECTIVE)) {
    const start = match.index ?? 0;
    const kind = match[1] ?? match[3];
    const named = (match[2] ?? match[4]).split(/\s--\s|\s--$/)[0];
    const listed = named.split(',').map((rule) => rule.trim()).filter(Boolean);
    const eslintRules = listed.length === 0 ? MAPPED_ESLINT_RULES : listed.filter((rule) => rule in ESLINT_EQUIVALENTS);
    if (kind === 'disable') {
      for (const rule of eslintRules) if (!open.has(rule)) open.set(rule, start);
      continue;
    }
    if (kind === 'enable') {
      for (const rule of eslintRules) {
        const from = open.get(rule);
        if (from === undefined) continue;
        open.delete(rule);
        closeRange(rule, from, start);
      }
      continue;
    }
    if (eslintRules.length === 0) continue;
    const line = lines.positionAt(start).line;
    directives.push({
      kind: kind === 'disable-next-line' ? 'next-line' : 'line',
      rules: [...new Set(eslintRules.flatMap((rule) => ESLINT_EQUIVALENTS[rule]))],
      reason: '',
      start,
      end: start + match[0].length,
      targetLine: kind === 'disable-next-line' ? lines.positionAt(start + match[0].length).line + 1 : line,
      eslint: true,
      used: false,
    });
  }
  for (const [rule, from] of open) closeRange(rule, from, text.length + 1);
  return directives;
}

/** The edit for "Ignore with a reason": a next-line directive above the finding's line, same indentation. */
export function ignoreNextLineEdit(finding: Finding, lines: LineMap, newline: string, commentStart = '//'): TextEdit {
  const line = lines.positionAt(finding.start).line;
  const lineStart = lines.lineStart(line);
  const indentation = /^[ \t]*/.exec(lines.text.slice(lineStart))?.[0] ?? '';
  return {
    fileName: finding.fileName,
    start: lineStart,
    end: lineStart,
    newText: `${indentation}${commentStart} loopguard-ignore-next-line ${finding.ruleId} -- ${REASON_PLACEHOLDER}${newline}`,
  };
}

/** Shown in the inserted directive so the user types the reason over it. */
export const REASON_PLACEHOLDER = 'reason';
