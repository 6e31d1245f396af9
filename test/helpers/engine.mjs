// Shared test plumbing: one engine over the built bundle, fixture expectations, fix checks.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const engineModule = require('../../dist/engine.js');
export const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../..');
export const fixturesRoot = path.join(repoRoot, 'test/fixtures');

/** An engine over the registry's rules, or over `options.rules` (a scratch registry). */
export function createEngine(options = {}) {
  const { Engine, RULES, PYTHON_RULES, normalizeSettings } = engineModule;
  const rules = options.rules ?? RULES;
  const pythonRules = options.pythonRules ?? (options.rules ? [] : PYTHON_RULES);
  const settings = normalizeSettings(options.settings ?? {}, [...rules, ...pythonRules].map((rule) => rule.id)).settings;
  return new Engine({ rules, pythonRules, settings, root: options.root ?? repoRoot, log: options.log ?? (() => {}), project: options.project });
}

/**
 * Expectations are caret lines under the code they point at:
 *     fs.readFileSync(p);
 *   //^^^^^^^^^^^^^^^ blocking-call optional message substring
 * The carets give the exact columns on the nearest code line above. `rule-id[info]` also expects
 * the finding's severity (with the rule at its default severity). In Python fixtures the caret
 * line is a `#` comment.
 */
export function parseExpectations(text) {
  const lines = text.split(/\r\n|\r|\n/);
  const expectations = [];
  let codeLine = -1;
  lines.forEach((line, index) => {
    const caret = /^(\s*(?:\/\/|#)\s*)(\^+)\s+([a-z-]+)(?:\[([a-z]+)\])?(?:\s+(.+))?$/.exec(line);
    if (!caret) {
      codeLine = index;
      return;
    }
    const startColumn = caret[1].length;
    expectations.push({ line: codeLine, startColumn, endColumn: startColumn + caret[2].length, ruleId: caret[3], severity: caret[4], message: caret[5]?.trim() });
  });
  return expectations;
}

export function countCases(text, kind) {
  return text.split(/\r?\n/).filter((line) => new RegExp(`^\\s*(?://|#)\\s*${kind}:`).test(line)).length;
}

export function findingsOf(report, ruleId) {
  const { LineMap } = engineModule;
  const lines = new LineMap(report.text);
  return report.findings
    .filter((finding) => !ruleId || finding.ruleId === ruleId)
    .map((finding) => {
      const start = lines.positionAt(finding.start);
      const end = lines.positionAt(finding.end);
      return { ...finding, line: start.line, startColumn: start.character, endLine: end.line, endColumn: end.character };
    });
}

export function describeFinding(finding) {
  return `${finding.ruleId} at ${finding.line + 1}:${finding.startColumn + 1}-${finding.endColumn + 1} "${finding.message}"`;
}

export function readText(file) {
  return readFileSync(file, 'utf8');
}

/**
 * Applies one fix through the engine's overlays (in every file it edits) and reports what a fix
 * must guarantee: no syntax error, no new type error in any edited file, and one fewer finding of
 * the targeted rule in the finding's file. Restores the files after.
 */
export function tryFix(engine, fileName, finding, fix) {
  const { applyEdits } = engineModule;
  const before = engine.analyzeFile(fileName);
  const files = [...new Set([fileName, ...fix.edits.map((edit) => edit.fileName)])];
  const originals = new Map(files.map((file) => [file, file === fileName ? before.text : (engine.host.textOf(file) ?? readFileSync(file, 'utf8'))]));
  const diagnosticsBefore = new Map(files.map((file) => [file, engine.compilerDiagnostics(file)]));
  const texts = new Map(files.map((file) => [file, applyEdits(originals.get(file), fix.edits.filter((edit) => edit.fileName === file))]));
  for (const [file, text] of texts) engine.host.setOverlay(file, text);
  try {
    const after = engine.analyzeFile(fileName);
    const syntaxErrors = [];
    const newTypeErrors = [];
    for (const file of files) {
      const problems = compileProblems(engine, file, diagnosticsBefore.get(file).semantic, file === fileName ? '' : `${path.basename(file)}: `);
      syntaxErrors.push(...problems.syntaxErrors);
      newTypeErrors.push(...problems.newTypeErrors);
    }
    const countBefore = before.findings.filter((other) => other.ruleId === finding.ruleId).length;
    const countAfter = after.findings.filter((other) => other.ruleId === finding.ruleId).length;
    return {
      text: texts.get(fileName),
      texts,
      syntaxErrors,
      newTypeErrors,
      findingGone: countAfter < countBefore,
      unusedSuppressions: after.findings.filter((other) => other.ruleId === 'unused-suppression').length,
      after,
    };
  } finally {
    for (const file of files) engine.host.setOverlay(file, originals.get(file));
  }
}

/**
 * Applies one fix (tryFix: overlays, then restores) and states what every fix must guarantee:
 * no syntax error, no new type error in any file it edits. Shared by the fix-output harness and
 * the fix sweep. `changed` holds the files whose text the fix changed.
 */
export function applyFix(engine, fileName, finding, fix) {
  const result = tryFix(engine, fileName, finding, fix);
  const problems = [];
  if (result.syntaxErrors.length) problems.push(`syntax errors after '${fix.title}': ${result.syntaxErrors.join('; ')}`);
  if (result.newTypeErrors.length) problems.push(`new type errors after '${fix.title}': ${result.newTypeErrors.join('; ')}`);
  const changed = new Map();
  for (const [file, text] of result.texts) {
    const before = file === fileName ? engine.analyzeFile(fileName).text : (engine.host.textOf(file) ?? readText(file));
    if (text !== before) changed.set(file, text);
  }
  return { ...result, problems, changed };
}

/**
 * What an edited file must satisfy, against its type errors before the edit: no syntax error and
 * no new type error (messages prefixed with `label`). Used by tryFix and by the sweep's fix-all.
 */
export function compileProblems(engine, file, semanticBefore, label = '') {
  const after = engine.compilerDiagnostics(file);
  return {
    syntaxErrors: after.syntactic.map((message) => label + message),
    newTypeErrors: subtract(after.semantic, semanticBefore).map((message) => label + message),
  };
}

function subtract(after, before) {
  const remaining = [...before];
  return after.filter((message) => {
    const index = remaining.indexOf(message);
    if (index < 0) return true;
    remaining.splice(index, 1);
    return false;
  });
}

/** The first finding of `ruleId` after `marker` (a unique bit of text before the case), for exact-output fix tests. */
export function findingAfter(engine, file, ruleId, marker) {
  const report = engine.analyzeFile(file);
  const at = report.text.indexOf(marker);
  if (at < 0) throw new Error(`marker not found: ${marker}`);
  const finding = findingsOf(report, ruleId).find((candidate) => candidate.start > at);
  if (!finding) throw new Error(`no ${ruleId} finding after ${marker}`);
  return { report, finding };
}

/**
 * The fixes offered (without the generic ignore), as the tests compare them and fix cases list
 * them: `(preferred)` marks the preferred fix, `(safe)` a fix that fix-all applies (the others
 * are suggestions).
 */
export function fixTitles(finding) {
  return finding.fixes
    .filter((fix) => !fix.title.startsWith('Ignore'))
    .map((fix) => `${fix.title}${fix.preferred ? ' (preferred)' : ''}${fix.kind === 'safe' ? ' (safe)' : ''}`);
}

/**
 * Applies the fix titled `title` to the finding after `marker` and returns the result, failing
 * unless it parses, adds no type error and removes the finding.
 */
export function applyCheckedFix(engine, file, ruleId, marker, title) {
  const { report, finding } = findingAfter(engine, file, ruleId, marker);
  const fix = finding.fixes.find((candidate) => candidate.title === title);
  if (!fix) throw new Error(`no fix '${title}' (have: ${fixTitles(finding).join(', ')})`);
  const result = applyFix(engine, file, finding, fix);
  if (result.problems.length) throw new Error(result.problems.join('\n'));
  if (!result.findingGone) throw new Error(`'${title}' left the ${ruleId} finding in place`);
  return { report, finding, result };
}

/** A report's findings as one string, for "cached == uncached == fresh" comparisons (fixes and related locations included). */
export const comparableFindings = (report) =>
  JSON.stringify(
    report.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      start: finding.start,
      end: finding.end,
      fixes: finding.fixes.map((fix) => [fix.title, fix.edits]),
      related: finding.related,
    })),
  );

/** A finding's own fixes: the rule's, without the "Ignore <rule> on this line" fix the engine adds to every finding. */
export function ownFixes(finding) {
  return finding.fixes.filter((fix) => !fix.ignore);
}
