// Reports for CI services: GitHub Actions workflow commands, GitLab Code Quality JSON, JUnit XML
// and checkstyle XML. Each carries the rule id, the concept page's URL and the finding's related
// locations (for a transitive blocking call: the event-loop call sites that reach it).
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { findingConceptUrl } from '../engine/concepts';
import type { Severity } from '../engine/findings';
import type { LocatedFinding } from './formatters';

/** A rule that failed on a file (with --continue-on-error): CI must not show the run as clean. */
export interface LocatedFailure {
  ruleId: string;
  file: string;
  /** Absolute path (checkstyle names files by absolute path, as ESLint does). */
  fileName?: string;
  message: string;
}

/** The related locations on one line: "reached from X through f() (src/a.ts:12); ...". */
export function relatedText(finding: LocatedFinding): string {
  return (finding.located ?? []).map((related) => `${related.message} (${related.file}:${related.line})`).join('; ');
}

/**
 * A finding's path for a CI service that resolves paths from the repository's root, not from the
 * folder loopguard ran in (a job's `working-directory`): relative to `root` when it is set and holds
 * the file, else the path the other formats print.
 */
function ciPath(finding: { file: string; fileName?: string }, root: string | undefined): string {
  if (!root || !finding.fileName) return finding.file;
  const relative = path.relative(root, finding.fileName);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : finding.file;
}

/** The message with its related locations, on one line. */
function fullMessage(finding: LocatedFinding): string {
  const related = relatedText(finding);
  return related ? `${finding.message} Related: ${related}.` : finding.message;
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions: https://docs.github.com/actions/reference/workflow-commands-for-github-actions

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escaping of a command's message, as the runner's toolkit does (escapeData). */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property value (escapeProperty): also ':' and ','. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function githubCommand(command: string, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeGithubProperty(String(value))}`)
    .join(',');
  return `::${command} ${props}::${escapeGithubData(message)}`;
}

/** `workspace`: GITHUB_WORKSPACE, the root annotation paths are resolved from. */
export function formatGithub(findings: readonly LocatedFinding[], failures: readonly LocatedFailure[] = [], workspace?: string): string {
  const lines = findings.map((finding) => {
    const body = [finding.message, ...(finding.located ?? []).map((related) => `  ${related.message} (${related.file}:${related.line})`), `${finding.ruleId}: ${findingConceptUrl(finding)}`];
    return githubCommand(
      GITHUB_COMMAND[finding.severity],
      { file: ciPath(finding, workspace), line: finding.line, col: finding.column, endLine: finding.endLine, endColumn: finding.endColumn, title: `Loop Guard ${finding.ruleId}` },
      body.join('\n'),
    );
  });
  for (const failure of failures) {
    lines.push(githubCommand('error', { file: ciPath(failure, workspace), title: `Loop Guard rule ${failure.ruleId} failed` }, `rule ${failure.ruleId} failed on ${failure.file}: ${failure.message}; its findings on this file are missing.`));
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

// ---------------------------------------------------------------------------------------------
// GitLab Code Quality: https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format

const GITLAB_SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

/**
 * A fingerprint that survives edits elsewhere in the file (lines inserted above): a hash of the
 * file, the rule, the message, the code of the finding's range (whitespace collapsed) and the
 * occurrence index among findings of the file with the same rule, message and code. No line number.
 */
export function fingerprints(findings: readonly LocatedFinding[], root?: string): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = JSON.stringify([ciPath(finding, root), finding.ruleId, finding.message, (finding.code ?? '').replace(/\s+/g, ' ').trim()]);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}#${occurrence}`).digest('hex');
  });
}

/** `projectDir`: CI_PROJECT_DIR, the root GitLab resolves `location.path` from. */
export function formatGitlab(findings: readonly LocatedFinding[], failures: readonly LocatedFailure[] = [], projectDir?: string): string {
  const prints = fingerprints(findings, projectDir);
  const issues: object[] = findings.map((finding, index) => ({
    description: `${fullMessage(finding)} (${finding.ruleId}, ${findingConceptUrl(finding)})`,
    check_name: finding.ruleId,
    fingerprint: prints[index],
    severity: GITLAB_SEVERITY[finding.severity],
    location: { path: ciPath(finding, projectDir), lines: { begin: finding.line, end: finding.endLine } },
  }));
  for (const failure of failures) {
    issues.push({
      description: `rule ${failure.ruleId} failed on this file: ${failure.message}; its findings here are missing.`,
      check_name: `${failure.ruleId} (rule failure)`,
      fingerprint: createHash('sha256').update(JSON.stringify(['failure', failure.file, failure.ruleId])).digest('hex'),
      severity: 'blocker',
      location: { path: ciPath(failure, projectDir), lines: { begin: 1 } },
    });
  }
  return JSON.stringify(issues, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// XML

/** Text for an XML attribute or element: the five entities escaped, and the characters XML 1.0
 *  cannot hold at all (control characters but tab, LF and CR; lone surrogates) replaced by U+FFFD. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/** Element text keeps its line breaks (only attributes need them as references). */
function escapeXmlText(text: string): string {
  return escapeXml(text).replace(/&#10;/g, '\n');
}

function groupByFile<T extends { file: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.file) ?? [];
    group.push(item);
    groups.set(item.file, group);
  }
  return groups;
}

/**
 * JUnit XML: a testsuite per file with findings, a failing testcase per finding (its failure's
 * type is the severity), a testcase with an <error> per rule that failed on a file; a run with
 * neither is one passing testcase, so CI shows that Loop Guard ran.
 */
export function formatJunit(findings: readonly LocatedFinding[], failures: readonly LocatedFailure[] = [], checkedFiles = 0): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = findings.length + failures.length;
  out.push(`<testsuites name="loopguard" tests="${Math.max(total, 1)}" failures="${findings.length}" errors="${failures.length}">`);
  if (total === 0) {
    out.push(`  <testsuite name="loopguard" tests="1" failures="0" errors="0">`);
    out.push(`    <testcase classname="loopguard" name="${escapeXml(`no problems in ${checkedFiles} file${checkedFiles === 1 ? '' : 's'}`)}"/>`);
    out.push('  </testsuite>');
  }
  const byFile = groupByFile(findings);
  const failuresByFile = groupByFile(failures);
  for (const file of new Set([...byFile.keys(), ...failuresByFile.keys()])) {
    const fileFindings = byFile.get(file) ?? [];
    const fileFailures = failuresByFile.get(file) ?? [];
    out.push(`  <testsuite name="${escapeXml(file)}" tests="${fileFindings.length + fileFailures.length}" failures="${fileFindings.length}" errors="${fileFailures.length}">`);
    for (const finding of fileFindings) {
      const where = `${finding.file}:${finding.line}:${finding.column}`;
      const body = [`${where}  ${finding.severity}  ${finding.message}`, ...(finding.located ?? []).map((related) => `  ${related.message} (${related.file}:${related.line})`), `${finding.ruleId}: ${findingConceptUrl(finding)}`];
      out.push(`    <testcase classname="${escapeXml(finding.file)}" name="${escapeXml(`${finding.ruleId} at ${where}`)}" file="${escapeXml(finding.file)}" line="${finding.line}">`);
      out.push(`      <failure type="${finding.severity}" message="${escapeXml(fullMessage(finding))}">${escapeXmlText(body.join('\n'))}</failure>`);
      out.push('    </testcase>');
    }
    for (const failure of fileFailures) {
      out.push(`    <testcase classname="${escapeXml(failure.file)}" name="${escapeXml(`rule ${failure.ruleId} on ${failure.file}`)}" file="${escapeXml(failure.file)}">`);
      out.push(`      <error type="rule-failure" message="${escapeXml(`rule ${failure.ruleId} failed: ${failure.message}`)}">${escapeXmlText(`Its findings on ${failure.file} are missing.`)}</error>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

const CHECKSTYLE_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };

/**
 * Checkstyle XML as ESLint's checkstyle formatter writes it: a <file name="absolute path"> per
 * file with findings, an <error line column severity message="... (rule-id)" source> per finding.
 * `source` is "loopguard.rules.<rule-id>"; the message ends with the rule id and the concept URL.
 */
export function formatCheckstyle(findings: readonly LocatedFinding[], failures: readonly LocatedFailure[] = []): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  const byFile = groupByFile(findings.map((finding) => ({ ...finding, file: finding.fileName })));
  for (const [file, fileFindings] of byFile) {
    out.push(`  <file name="${escapeXml(file)}">`);
    for (const finding of fileFindings) {
      const message = `${fullMessage(finding)} (${finding.ruleId}: ${findingConceptUrl(finding)})`;
      out.push(
        `    <error line="${finding.line}" column="${finding.column}" severity="${CHECKSTYLE_SEVERITY[finding.severity]}" message="${escapeXml(message)}" source="${escapeXml(`loopguard.rules.${finding.ruleId}`)}" />`,
      );
    }
    out.push('  </file>');
  }
  for (const [file, fileFailures] of groupByFile(failures.map((failure) => ({ ...failure, file: failure.fileName ?? failure.file })))) {
    out.push(`  <file name="${escapeXml(file)}">`);
    for (const failure of fileFailures) {
      out.push(`    <error line="1" column="1" severity="error" message="${escapeXml(`rule ${failure.ruleId} failed on this file: ${failure.message}; its findings here are missing.`)}" source="loopguard.ruleFailure" />`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
}
