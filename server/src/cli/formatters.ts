// Renders findings as text, JSON or SARIF 2.1.0. Positions in the outputs are 1-based.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { conceptDocRelativePath, conceptTitle, conceptUrl } from '../engine/concepts';
import { Finding, LineMap } from '../engine/findings';
import type { RuleMetadata } from '../engine/rule';

export interface LocatedFinding extends Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The related locations, relative to the working directory and 1-based. */
  located?: LocatedRelated[];
  /** The source text of the finding's range (the CI formats' stable keys use it). */
  code?: string;
}

export interface LocatedRelated {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export function locate(findings: Finding[], text: string, cwd: string): LocatedFinding[] {
  const lines = new LineMap(text);
  return findings.map((finding) => {
    const start = lines.positionAt(finding.start);
    const end = lines.positionAt(finding.end);
    return {
      ...finding,
      file: path.relative(cwd, finding.fileName).split(path.sep).join('/'),
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      located: finding.related?.length
        ? finding.related.map((related) => ({
            file: path.relative(cwd, related.fileName).split(path.sep).join('/'),
            line: related.range.start.line + 1,
            column: related.range.start.character + 1,
            endLine: related.range.end.line + 1,
            endColumn: related.range.end.character + 1,
            message: related.message,
          }))
        : undefined,
      code: text.slice(finding.start, finding.end),
    };
  });
}

/** `ruleFailures`: rules that failed on a file (with --continue-on-error): the summary must not claim a clean run. */
export function formatText(findings: LocatedFinding[], ruleFailures = 0): string {
  const out: string[] = [];
  for (const finding of findings) {
    const concept = finding.concept ? `  ${conceptDocRelativePath(finding.concept)}` : '';
    out.push(`${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}  ${finding.ruleId}${concept}`);
    for (const related of finding.located ?? []) out.push(`    ${related.file}:${related.line}:${related.column}  ${related.message}`);
  }
  const counts = countBySeverity(findings);
  const failed = ruleFailures > 0 ? ` ${ruleFailures} rule failure${ruleFailures === 1 ? '' : 's'}: their findings are missing (see standard error).` : '';
  if (findings.length === 0) out.push(failed ? `No problems found by the rules that ran.${failed}` : 'No problems found.');
  else {
    out.push('');
    out.push(
      `${findings.length} problem${findings.length === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info + counts.hint} info) in ${new Set(findings.map((finding) => finding.file)).size} file(s).${failed}`,
    );
  }
  return out.join('\n') + '\n';
}

export function formatJson(findings: LocatedFinding[]): string {
  return (
    JSON.stringify(
      findings.map(({ file, line, column, endLine, endColumn, ruleId, severity, message, concept, located }) => ({
        file,
        line,
        column,
        endLine,
        endColumn,
        ruleId,
        severity,
        message,
        concept,
        // Only when there are some, e.g. the event-loop call sites that reach a blocking helper.
        ...(located ? { related: located } : {}),
      })),
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function formatSarif(
  findings: LocatedFinding[],
  rules: readonly RuleMetadata[],
  version: string,
  packageRoot: string,
  ruleFailures: readonly { ruleId: string; file: string; message: string }[] = [],
): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Loop Guard',
            informationUri: 'https://github.com/loopguard/loopguard',
            semanticVersion: version,
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase()),
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              helpUri: conceptUrl(rule.concept),
              help: { text: `${conceptTitle(rule.concept)}: ${conceptUrl(rule.concept)}`, markdown: conceptMarkdown(packageRoot, rule.concept) },
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
              properties: { tags: ['async', 'event-loop'], concept: rule.concept },
            })),
          },
        },
        // A rule that failed on a file is a tool execution error: code scanning shows it, and the
        // run is not marked successful over missing findings.
        invocations: [
          {
            executionSuccessful: ruleFailures.length === 0,
            toolExecutionNotifications: ruleFailures.map((failure) => ({
              level: 'error',
              message: { text: `rule ${failure.ruleId} failed on ${failure.file}: ${failure.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(failure.file), uriBaseId: '%SRCROOT%' } } }],
              associatedRule: ruleIndex.has(failure.ruleId) ? { id: failure.ruleId, index: ruleIndex.get(failure.ruleId) } : { id: failure.ruleId },
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: findings
          .filter((finding) => ruleIndex.has(finding.ruleId))
          .map((finding) => ({
            ruleId: finding.ruleId,
            ruleIndex: ruleIndex.get(finding.ruleId),
            level: SARIF_LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: relativeUri(finding.file), uriBaseId: '%SRCROOT%' },
                  region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
                },
              },
            ],
            ...(finding.located
              ? {
                  relatedLocations: finding.located.map((related, id) => ({
                    id,
                    message: { text: related.message },
                    physicalLocation: {
                      artifactLocation: { uri: relativeUri(related.file), uriBaseId: '%SRCROOT%' },
                      region: { startLine: related.line, startColumn: related.column, endLine: related.endLine, endColumn: related.endColumn },
                    },
                  })),
                }
              : {}),
            properties: { concept: finding.concept },
          })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** A relative URI reference for a '/'-separated path: each segment percent-encoded, so names with
 *  '#', '?', '%' or spaces stay one path (encodeURI leaves '#' and '?' alone). */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function conceptMarkdown(packageRoot: string, slug: string): string {
  try {
    return fs.readFileSync(path.join(packageRoot, conceptDocRelativePath(slug)), 'utf8');
  } catch {
    return `See [${conceptTitle(slug)}](${conceptUrl(slug)}).`;
  }
}

export function countBySeverity(findings: Finding[]): Record<'error' | 'warning' | 'info' | 'hint', number> {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
