// The engine: document text -> project host -> analysis -> rules -> findings. It knows nothing
// of LSP or the CLI; server.ts and cli.ts are thin adapters over it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { Analysis, BlockingSummaries } from './analysis';
import { ts } from './compiler';
import { Finding, Fix, LineMap, Severity, SeveritySetting } from './findings';
import { newlineOf } from './fixes';
import { Logger, ProjectHost, errorMessage } from './host/projectHost';
import { RuleContext, RuleDefinition, RuleReport, formatMessage } from './rule';
import { DEFAULT_SETTINGS, LoopGuardSettings } from './settings';
import { REASON_PLACEHOLDER, UNUSED_SUPPRESSION_RULE, applySuppressions, ignoreNextLineEdit, parseDirectives } from './suppressions';

/** Files larger than this are skipped with a note: analysis time grows with size, and such files are generated. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const ANALYSABLE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export interface FileReport {
  fileName: string;
  /** The text the findings' offsets refer to. */
  text: string;
  findings: Finding[];
  /** Why the file, or a rule on it, was skipped: for the output channel or the CLI's notes. */
  notes: string[];
}

export interface EngineOptions {
  rules: readonly RuleDefinition[];
  settings?: LoopGuardSettings;
  log?: Logger;
  /** A tsconfig to use for every file (the CLI's --project). */
  project?: string;
  /** Folder that `exclude` globs are relative to. */
  root?: string;
}

export class Engine {
  readonly host: ProjectHost;
  private settings: LoopGuardSettings;
  private excludeMatchers: Minimatch[] = [];
  private readonly log: Logger;
  private readonly rules: readonly RuleDefinition[];
  private readonly reportedRuleErrors = new Set<string>();
  /** Per-function "may block" summaries, kept across edits and revalidated per file. */
  readonly blockingSummaries = new BlockingSummaries();

  constructor(private readonly options: EngineOptions) {
    this.log = options.log ?? (() => {});
    this.rules = options.rules;
    this.host = new ProjectHost(this.log, options.project);
    this.settings = options.settings ?? DEFAULT_SETTINGS;
    this.updateSettings(this.settings);
  }

  get ruleIds(): string[] {
    return this.rules.map((rule) => rule.id);
  }

  ruleById(id: string): RuleDefinition | undefined {
    return this.rules.find((rule) => rule.id === id);
  }

  updateSettings(settings: LoopGuardSettings): void {
    this.settings = settings;
    this.excludeMatchers = settings.exclude.map((glob) => new Minimatch(glob, { dot: true, matchBase: !glob.includes('/') }));
  }

  getSettings(): LoopGuardSettings {
    return this.settings;
  }

  severityOf(rule: RuleDefinition): SeveritySetting {
    return this.settings.rules[rule.id] ?? rule.defaultSeverity;
  }

  /** Off in settings, or not a rule of ours (then its directive is not ours to judge either). */
  private isRuleOff(ruleId: string): boolean {
    const rule = this.ruleById(ruleId);
    return !rule || this.severityOf(rule) === 'off';
  }

  isAnalysable(fileName: string): boolean {
    return ANALYSABLE.test(fileName) && !fileName.endsWith('.d.ts') && !fileName.includes(`${path.sep}node_modules${path.sep}`);
  }

  isExcluded(fileName: string): boolean {
    if (this.excludeMatchers.length === 0) return false;
    const relative = path.relative(this.options.root ?? process.cwd(), fileName).split(path.sep).join('/');
    return this.excludeMatchers.some((matcher) => matcher.match(relative));
  }

  /** The compiler's own errors for a file (syntax and types): used to prove that fixes break nothing. */
  compilerDiagnostics(fileName: string): { syntactic: string[]; semantic: string[] } {
    const { entry } = this.host.sourceFileFor(fileName);
    const program = this.host.program(entry);
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) return { syntactic: [], semantic: [] };
    const describe = (diagnostic: ts.Diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    return {
      syntactic: program.getSyntacticDiagnostics(sourceFile).map(describe),
      semantic: program.getSemanticDiagnostics(sourceFile).map(describe),
    };
  }

  /** Runs every enabled rule over one file. Never throws: problems become notes. */
  analyzeFile(fileName: string): FileReport {
    const notes: string[] = [];
    const empty = (text: string): FileReport => ({ fileName, text, findings: [], notes });
    if (!this.settings.enable) return empty('');
    let sourceFile: ts.SourceFile;
    let program: ts.Program;
    const tooLarge = reasonToSkipBySize(this.host.textOf(fileName)?.length ?? fileSize(fileName));
    if (tooLarge) {
      // Checked before parsing: parsing a multi-megabyte file is itself the cost we want to avoid.
      notes.push(`${fileName}: skipped, ${tooLarge}.`);
      return empty(this.host.textOf(fileName) ?? '');
    }
    try {
      const loaded = this.host.sourceFileFor(fileName);
      const skip = reasonToSkip(loaded.sourceFile.text);
      if (skip) {
        notes.push(`${fileName}: skipped, ${skip}.`);
        return empty(loaded.sourceFile.text);
      }
      program = this.host.program(loaded.entry);
      sourceFile = program.getSourceFile(fileName) ?? loaded.sourceFile;
    } catch (error) {
      notes.push(isStackOverflow(error) ? `${fileName}: skipped, it is nested too deeply to parse.` : `${fileName}: could not be read (${errorMessage(error)}).`);
      return empty(this.host.textOf(fileName) ?? '');
    }
    try {
      return this.analyzeSourceFile(fileName, sourceFile, program, notes);
    } catch (error) {
      // Rules' own failures are contained in runRules; this is the walk or suppressions giving up.
      const reason = isStackOverflow(error) ? 'it is nested too deeply to analyse' : `analysis failed (${errorMessage(error)})`;
      notes.push(`${fileName}: skipped, ${reason}.`);
      if (!isStackOverflow(error)) this.log(`${fileName}: analysis failed`, error instanceof Error ? error.stack : undefined);
      return empty(sourceFile.text);
    }
  }

  private analyzeSourceFile(fileName: string, sourceFile: ts.SourceFile, program: ts.Program, notes: string[]): FileReport {
    const lines = new LineMap(sourceFile.text);
    const findings = this.runRules(sourceFile, program, notes);
    const directives = parseDirectives(sourceFile.text, lines);
    const kept = applySuppressions(findings, directives, lines);
    for (const directive of directives) {
      if (directive.used || directive.rules.some((id) => this.isRuleOff(id))) continue;
      kept.push({
        ruleId: UNUSED_SUPPRESSION_RULE,
        severity: 'hint',
        message: `This loopguard-ignore-${directive.kind} directive suppresses nothing${directive.rules.length ? ` (${directive.rules.join(', ')})` : ''}; remove it.`,
        concept: '',
        fileName,
        start: directive.start,
        end: directive.end,
        unnecessary: true,
        fixes: [{ title: 'Remove unused loopguard-ignore directive', kind: 'safe', edits: [removeDirectiveEdit(sourceFile, directive.start, directive.end)] }],
      });
    }
    for (const finding of kept) {
      if (finding.ruleId !== UNUSED_SUPPRESSION_RULE) this.addIgnoreFix(finding, sourceFile, lines);
    }
    kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    return { fileName, text: sourceFile.text, findings: kept, notes };
  }

  private runRules(sourceFile: ts.SourceFile, program: ts.Program, notes: string[]): Finding[] {
    const checker = program.getTypeChecker();
    const analysis = new Analysis(checker, program, this.blockingSummaries);
    const findingsByRule = new Map<string, Finding[]>();
    const failedRules = new Set<string>();
    const dispatch = new Map<ts.SyntaxKind, { rule: RuleDefinition; visit: (node: ts.Node) => void }[]>();

    for (const rule of this.rules) {
      const severity = this.severityOf(rule);
      if (severity === 'off') continue;
      const ruleFindings: Finding[] = [];
      findingsByRule.set(rule.id, ruleFindings);
      const context: RuleContext = {
        sourceFile,
        program,
        checker,
        analysis,
        settings: this.settings,
        report: (report) => ruleFindings.push(this.toFinding(rule, severity, report, sourceFile)),
      };
      try {
        const visitors = rule.create(context);
        for (const [kind, visit] of Object.entries(visitors)) {
          const list = dispatch.get(Number(kind)) ?? [];
          list.push({ rule, visit: visit as (node: ts.Node) => void });
          dispatch.set(Number(kind), list);
        }
      } catch (error) {
        this.ruleFailed(rule, sourceFile.fileName, error, notes, failedRules);
      }
    }

    // Pre-order walk with an explicit stack: generated code nests expressions thousands deep
    // (long `a + b + ...` chains), which would overflow a recursive walk.
    const stack: ts.Node[] = [sourceFile];
    const children: ts.Node[] = [];
    const collect = (child: ts.Node): void => {
      children.push(child);
    };
    while (stack.length > 0) {
      const node = stack.pop()!;
      const handlers = dispatch.get(node.kind);
      if (handlers) {
        for (const { rule, visit } of handlers) {
          if (failedRules.has(rule.id)) continue;
          try {
            visit(node);
          } catch (error) {
            this.ruleFailed(rule, sourceFile.fileName, error, notes, failedRules);
          }
        }
      }
      children.length = 0;
      ts.forEachChild(node, collect);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }

    const findings: Finding[] = [];
    for (const [ruleId, ruleFindings] of findingsByRule) {
      if (!failedRules.has(ruleId)) findings.push(...ruleFindings);
    }
    return findings;
  }

  /** A rule that throws loses only its own results for this file; the error is logged once per file and rule. */
  private ruleFailed(rule: RuleDefinition, fileName: string, error: unknown, notes: string[], failed: Set<string>): void {
    failed.add(rule.id);
    const note = `rule ${rule.id} failed on ${fileName}: ${errorMessage(error)}`;
    notes.push(note);
    const key = `${rule.id}\u0000${fileName}`;
    if (!this.reportedRuleErrors.has(key)) {
      this.reportedRuleErrors.add(key);
      this.log(note, error instanceof Error ? error.stack : undefined);
    }
  }

  private toFinding(rule: RuleDefinition, severity: Severity, report: RuleReport, sourceFile: ts.SourceFile): Finding {
    const template = rule.messages[report.messageId] ?? report.messageId;
    return {
      ruleId: rule.id,
      severity,
      message: formatMessage(template, report.data),
      concept: report.concept ?? rule.concept,
      fileName: sourceFile.fileName,
      start: report.node.getStart(sourceFile),
      end: report.node.getEnd(),
      fixes: report.fixes ?? [],
      ...(report.related?.length ? { related: report.related } : {}),
    };
  }

  /** "Ignore with a reason", unless the line starts inside a string or template (a comment there would be text). */
  private addIgnoreFix(finding: Finding, sourceFile: ts.SourceFile, lines: LineMap): void {
    const line = lines.positionAt(finding.start).line;
    const lineStart = lines.lineStart(line);
    if (startsInsideLiteral(sourceFile, lineStart)) return;
    const fix: Fix = {
      title: `Ignore ${finding.ruleId} on this line (with a reason)`,
      kind: 'suggestion',
      edits: [ignoreNextLineEdit(finding, lines, newlineOf(sourceFile))],
    };
    finding.fixes = [...finding.fixes, fix];
  }
}

export { REASON_PLACEHOLDER };

function reasonToSkipBySize(size: number): string | undefined {
  return size > MAX_FILE_BYTES ? `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB (generated code?)` : undefined;
}

function reasonToSkip(text: string): string | undefined {
  const tooLarge = reasonToSkipBySize(text.length);
  if (tooLarge) return tooLarge;
  if (text.includes('\u0000')) return 'it contains NUL bytes (binary content?)';
  return undefined;
}

function fileSize(fileName: string): number {
  try {
    return fs.statSync(fileName).size;
  } catch {
    return 0; // missing or unreadable: reading it reports the reason
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** True when `offset` falls inside a string, template or comment that spans lines. */
function startsInsideLiteral(sourceFile: ts.SourceFile, offset: number): boolean {
  // Descends only into the child that contains `offset`: a loop, so deep nesting cannot overflow.
  let node: ts.Node | undefined = sourceFile;
  while (node) {
    if (
      (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node) || ts.isStringLiteral(node) || ts.isJsxText(node)) &&
      offset > node.getStart(sourceFile)
    ) {
      return true;
    }
    node = ts.forEachChild(node, (child) => (offset >= child.pos && offset < child.end ? child : undefined));
  }
  return false;
}

/** Removes a directive comment; when it is alone on its line, removes the whole line. */
function removeDirectiveEdit(sourceFile: ts.SourceFile, start: number, end: number) {
  const text = sourceFile.text;
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  const aloneOnLine = lineStart === 0 || text[lineStart - 1] === '\n' || text[lineStart - 1] === '\r';
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  const atLineEnd = lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r';
  if (aloneOnLine && atLineEnd) {
    if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') lineEnd += 2;
    else if (lineEnd < text.length) lineEnd += 1;
    return { fileName: sourceFile.fileName, start: lineStart, end: lineEnd, newText: '' };
  }
  let trimmedStart = start;
  while (trimmedStart > 0 && (text[trimmedStart - 1] === ' ' || text[trimmedStart - 1] === '\t')) trimmedStart--;
  return { fileName: sourceFile.fileName, start: atLineEnd ? trimmedStart : start, end, newText: '' };
}
