// Fix outputs as data: the cases under test/fixtures/rules/<rule-id>/fixes/, read and run by one
// harness (test/fix-outputs.test.mjs) and by the update mode (scripts/update-fix-outputs.mjs).
//
// A case is a source file `fixes/<case-name>.<ts|js|tsx|jsx>`, or a folder `fixes/<case-name>/`
// of source files for a fix that edits several files (exactly one of them carries the header).
// The header is the run of `// key: value` comment lines at the top of that file:
//   // fix: <title>           apply the fix with this title (or the only one containing it); the
//                            expected output is `<file>.out` beside every file the fix changes
//   // fixes: A | B (preferred) | C (safe)
//                            the fixes offered on each marked finding, in order, without the
//                            generic ignore-comment fix; `(preferred)` marks the preferred one,
//                            `(safe)` one that fix-all applies (the others are suggestions); `none` (or `// fix: none`) = no fix but
//                            the ignore comment
//   // kind: safe|suggestion the applied fix's kind (safe fixes run in fix-all)
//   // settings: {...}       settings for this case (JSON, as in the VS Code settings), e.g.
//                            {"checkThenables": true}
//   // findings: N           without carets: the number of findings of the rule in the file
//   // remains: <why>        the applied fix leaves the finding in place on purpose
// The findings are marked with carets as in the rule fixtures (`//^^^ rule-id[severity] message`):
// the rule's findings in the file must be exactly the marked ones. Without carets, every finding
// of the rule is a target (a `fix:` needs exactly one).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyFix, createEngine, engineModule, findingsOf, fixTitles, fixturesRoot, parseExpectations, readText } from './engine.mjs';

export const SOURCE = /\.[cm]?[jt]sx?$/;
const HEADER = /^\/\/\s*(fix|fixes|kind|settings|findings|remains):\s?(.*)$/;

export function fixesDir(ruleId, rulesDir = path.join(fixturesRoot, 'rules')) {
  return path.join(rulesDir, ruleId, 'fixes');
}

export function outputPath(file) {
  return `${file}.out`;
}

function isSource(name) {
  return SOURCE.test(name) && !name.endsWith('.d.ts');
}

/** The cases of one rule, sorted by name: { ruleId, name, folder?, files, main }. */
export function listFixCases(ruleId, rulesDir) {
  const dir = fixesDir(ruleId, rulesDir);
  if (!existsSync(dir)) return [];
  const cases = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      const files = readdirSync(full, { recursive: true }).filter(isSource).sort().map((file) => path.join(full, file));
      const headed = files.filter((file) => Object.keys(parseHeader(readText(file))).length > 0);
      cases.push({ ruleId, name, folder: full, files, main: headed.length === 1 ? headed[0] : undefined, mainProblem: headed.length === 1 ? undefined : `expected exactly one file with a header in ${name}/, found ${headed.length}` });
    } else if (isSource(name)) {
      cases.push({ ruleId, name, files: [full], main: full });
    }
  }
  return cases;
}

/** `.out` files (and folders) under a rule's fixes/ that belong to no case: stale outputs. */
export function strayOutputs(ruleId) {
  const dir = fixesDir(ruleId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith('.out'))
    .map((name) => path.join(dir, name))
    .filter((file) => !existsSync(file.slice(0, -'.out'.length)));
}

export function parseHeader(text) {
  const header = {};
  for (const line of text.split(/\r?\n/)) {
    const match = HEADER.exec(line.trim());
    if (!match) break;
    const [, key, raw] = match;
    const value = raw.trim();
    if (key === 'fix' && value === 'none') header.fixes = [];
    else if (key === 'fixes') header.fixes = value === 'none' ? [] : value.split('|').map((title) => title.trim());
    else if (key === 'settings') header.settings = JSON.parse(value);
    else if (key === 'findings') header.findings = Number(value);
    else header[key] = value;
  }
  return header;
}

const engines = new Map();
/** One engine per distinct settings, shared by every case (and the sweep's default engine). */
export function engineFor(settings = {}, rules = undefined) {
  const key = JSON.stringify([settings, rules?.map((rule) => rule.id)]);
  if (!engines.has(key)) engines.set(key, createEngine({ settings, rules }));
  return engines.get(key);
}

const key = (item) => `${item.line + 1}:${item.startColumn + 1}-${item.endColumn + 1}`;

/**
 * Runs one case (with the registry's rules, or a scratch registry's): analyses it with its settings, checks the marked findings and the offered
 * fixes, applies the named fix (tryFix: re-parse, type-check, finding gone). Returns the problems
 * found and, for an applied fix, the text of every file it changed (to compare with the `.out`s).
 */
export function runFixCase(fixCase, rules = undefined) {
  const problems = [];
  const outputs = new Map();
  if (!fixCase.main) return { problems: [fixCase.mainProblem], outputs };
  const { ruleId, main } = fixCase;
  const text = readText(main);
  const header = parseHeader(text);
  if (!header.fix && !header.fixes) problems.push('the header names no fix (`// fix: <title>`) and no list of fixes (`// fixes: ...` or `// fix: none`)');
  const engine = engineFor(header.settings, rules);
  for (const file of fixCase.files) {
    const syntax = engine.compilerDiagnostics(file).syntactic;
    if (syntax.length) problems.push(`${path.basename(file)} does not parse before the fix: ${syntax.join('; ')}`);
  }
  const report = engine.analyzeFile(main);
  const findings = findingsOf(report, ruleId);
  const expected = parseExpectations(text).filter((expectation) => expectation.ruleId === ruleId);
  let targets = findings;
  if (expected.length) {
    const missing = expected.filter((item) => !findings.some((finding) => key(finding) === key(item)));
    const unexpected = findings.filter((finding) => !expected.some((item) => key(finding) === key(item)));
    if (missing.length) problems.push(`marked but not reported: ${missing.map(key).join(', ')}`);
    if (unexpected.length) problems.push(`reported but not marked: ${unexpected.map((finding) => `${key(finding)} "${finding.message}"`).join(', ')}`);
    for (const item of expected) {
      const finding = findings.find((candidate) => key(candidate) === key(item));
      if (!finding) continue;
      if (item.message && !finding.message.includes(item.message)) problems.push(`${key(item)}: "${finding.message}" should contain "${item.message}"`);
      if (item.severity && finding.severity !== item.severity) problems.push(`${key(item)}: severity ${finding.severity}, expected ${item.severity}`);
    }
    targets = findings.filter((finding) => expected.some((item) => key(finding) === key(item)));
  } else if (header.findings !== undefined && findings.length !== header.findings) {
    problems.push(`${findings.length} ${ruleId} findings, expected ${header.findings}`);
  }
  if (targets.length === 0) problems.push(`no ${ruleId} finding to check`);

  if (header.fixes) {
    for (const finding of targets) {
      const titles = fixTitles(finding);
      if (JSON.stringify(titles) !== JSON.stringify(header.fixes)) problems.push(`${key(finding)}: fixes offered [${titles.join(' | ')}], expected [${header.fixes.join(' | ')}]`);
      if (header.fixes.length === 0 && !finding.fixes.some((fix) => fix.title.startsWith('Ignore'))) problems.push(`${key(finding)}: the ignore-comment fix should still be offered`);
    }
  }

  if (header.fix && header.fix !== 'none') {
    if (targets.length !== 1) {
      problems.push(`'fix: ${header.fix}' needs exactly one marked finding, found ${targets.length}`);
      return { problems, outputs };
    }
    const [finding] = targets;
    const exact = finding.fixes.filter((fix) => fix.title === header.fix);
    const matching = exact.length ? exact : finding.fixes.filter((fix) => fix.title.includes(header.fix));
    if (matching.length !== 1) {
      problems.push(`${matching.length} fixes match '${header.fix}'; offered: ${finding.fixes.map((fix) => fix.title).join(' | ')}`);
      return { problems, outputs };
    }
    const [fix] = matching;
    if (header.kind && fix.kind !== header.kind) problems.push(`'${fix.title}' is a ${fix.kind} fix, expected ${header.kind}`);
    const result = applyFix(engine, main, finding, fix);
    problems.push(...result.problems);
    if (!header.remains && !result.findingGone) problems.push(`'${fix.title}' left the finding in place (add '// remains: <why>' if that is intended)`);
    if (header.remains && result.findingGone) problems.push(`'${fix.title}' removed the finding, but the header says it remains`);
    for (const [file, changed] of result.changed) outputs.set(file, changed);
  }
  return { problems, outputs, header };
}

/** Every registered rule id, from the registry. */
export function registeredRuleIds() {
  return engineModule.RULES.map((rule) => rule.id);
}
