// The engine: document text -> project host -> analysis -> rules -> findings. It knows nothing
// of LSP or the CLI; server.ts and cli.ts are thin adapters over it.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { Analysis, BlockingCatalogue, BlockingSummaries } from './analysis';
import { ConfigResolver, type ResolvedConfig } from './config/resolver';
import { ts } from './compiler';
import { Finding, Fix, LineMap, Severity, SeveritySetting, TextEdit } from './findings';
import { newlineOf } from './fixes';
import { Logger, MAX_FILE_BYTES, ProjectHost, errorMessage } from './host/projectHost';

/** Files larger than this are skipped with a note: analysis time grows with size, and such files are generated. */
export { MAX_FILE_BYTES };
import { RuleContext, RuleDefinition, RuleMetadata, RuleReport, findingOf, onePerId } from './rule';
import { DEFAULT_SETTINGS, LoopGuardSettings, settingsTable } from './settings';
import { Directive, REASON_PLACEHOLDER, UNUSED_SUPPRESSION_RULE, applySuppressions, ignoreNextLineEdit, parseDirectives } from './suppressions';
import { UnitReads } from './unitReads';
import { ShapeMemo, importBindings, isTypeScriptFile, shapeDependencies } from './unitShapes';
import { projectWideReads } from './analysis/projectReads';
import { BaselineOutcome, Baselines, findingKey } from './baseline';
import { PythonTrees, runPythonRules } from './python/analyzer';
import { PythonEventLoop } from './python/eventLoop';
import { PythonProject } from './python/project';
import { isPythonFile, pythonUnavailable } from './python/parser';
import type { PythonProjectContext, PythonRuleDefinition } from './python/rule';
import { parsePythonDirectives } from './python/suppressions';
import { pythonFindingKey } from './python/baselineKey';
import { continuesStatement } from './python/commentLines';
import { linesOf } from './python/fixes';

const ANALYSABLE = /\.(?:[cm]?[jt]s|[jt]sx|py)$/;

export interface FileReport {
  fileName: string;
  /** The text the findings' offsets refer to. */
  text: string;
  findings: Finding[];
  /** Why the file, or a rule on it, was skipped: for the output channel or the CLI's notes. */
  notes: string[];
  /** Rules that threw on this file (their findings on it are missing): an error the user must see. Absent when none did. */
  ruleFailures?: RuleFailure[];
  /** What loopguard-suppressions.json (the baseline) did to the file: absent when the file was skipped. */
  baseline?: BaselineOutcome;
}

/** What a language hands the shared post-processing of a file's findings (Engine.finishReport). */
interface AnalysedText {
  text: string;
  lines: LineMap;
  /** The file's suppression directives (comments), parsed. */
  directives: Directive[];
  /** A finding's baseline key (enclosing scope and normalised text). */
  keyOf(finding: Finding): string;
  /** The "Ignore ... on this line" edit, or undefined where no comment line may be inserted. */
  ignoreEdit(finding: Finding): TextEdit | undefined;
}

export interface RuleFailure {
  ruleId: string;
  fileName: string;
  message: string;
}

export interface EngineOptions {
  rules: readonly RuleDefinition[];
  /** The Python rules (server/src/rules/python/); none by default. */
  pythonRules?: readonly PythonRuleDefinition[];
  settings?: LoopGuardSettings;
  log?: Logger;
  /** A tsconfig to use for every file (the CLI's --project). */
  project?: string;
  /** Folder that `exclude` globs are relative to; the lookup of loopguard.json stops there too. */
  root?: string;
  /**
   * How loopguard.json files are found and read (default: a resolver stopping at `root` or the
   * repository root); false: no config files, `settings` apply to every file as they are.
   */
  config?: ConfigResolver | false;
  /** Folders where the loopguard.json lookup stops outside a repository (workspace folders); default `root`. */
  configRoots?: readonly string[];
  /**
   * Keep per-unit findings for the next analysis of the same file (default true). The CLI analyses
   * each file once, so it turns this off and saves the bookkeeping (recording checker, unit keys).
   */
  unitCache?: boolean;
}

export class Engine {
  readonly host: ProjectHost;
  private settings: LoopGuardSettings;
  private excludeMatchers: Minimatch[] = [];
  private readonly log: Logger;
  readonly rules: readonly RuleDefinition[];
  /** The Python rules whose id no JS/TS rule has (a shared id is one rule for configuration). */
  /** One definition per rule id, TypeScript and Python (see onePerId). */
  private readonly allRules: readonly RuleMetadata[];
  private readonly reportedRuleErrors = new Set<string>();
  /** Per-function "may block" summaries, kept across edits and revalidated per file (for files whose config amends no blocking API). */
  readonly blockingSummaries = new BlockingSummaries();
  /** The same for each blocking catalogue a loopguard.json makes (`blocking.extra`/`allow`), by fingerprint. */
  private readonly amendedCatalogues = new Map<string, { catalogue: BlockingCatalogue; summaries: BlockingSummaries }>();
  /** loopguard.json lookup and reading; undefined when the engine was made without config files. */
  readonly config: ConfigResolver | undefined;
  /** Work counters for the incremental regression test: units (see units()) walked by the rules, and served from the cache; Python parses. */
  readonly stats = { unitsAnalysed: 0, unitsReused: 0, pythonParses: 0 };
  /** Findings per unit of the files analysed last, by file name. */
  private readonly unitCaches = new Map<string, FileUnitCache>();
  /** The loopguard-suppressions.json files (see baseline.ts); call `baselines.changed()` when one changes on disk. */
  readonly baselines: Baselines;
  /** The last syntax tree of each Python file, for incremental re-parsing. */
  private readonly pythonTrees = new PythonTrees(
    () => this.stats.pythonParses++,
    (fileName) => this.host.hasOverlay(fileName),
  );
  /** The Python project model (module names, cross-module resolution, parsed modules cached by text) and its event-loop analysis. */
  readonly pythonProject: PythonProject;
  /** Which Python code runs on the event loop (its work counters are read by the tests). */
  readonly pythonEventLoop: PythonEventLoop;
  private readonly pythonContext: PythonProjectContext;

  constructor(private readonly options: EngineOptions) {
    this.log = options.log ?? (() => {});
    this.rules = options.rules;
    this.allRules = onePerId(options.rules, options.pythonRules ?? []);
    const vocabulary = { ruleIds: this.ruleIds, table: settingsTable(this.allRules) };
    this.host = new ProjectHost(this.log, options.project);
    this.pythonProject = new PythonProject({ root: options.root, textOf: (fileName) => this.host.textOf(fileName), parse: (fileName, text) => this.pythonTrees.parse(fileName, text), changes: () => this.host.changesOutside(''), changesIn: (fileName) => this.host.changesOutside('') - this.host.changesOutside(fileName) });
    const pythonProject = this.pythonProject;
    const eventLoop = new PythonEventLoop(pythonProject);
    this.pythonEventLoop = eventLoop;
    this.pythonContext = { model: pythonProject, eventLoop, resolve: () => undefined, moduleOf: (fileName) => pythonProject.moduleOf(fileName) };
    this.config =
      options.config === false
        ? undefined
        : (options.config ??
          new ConfigResolver({ vocabulary, roots: options.configRoots ?? (options.root ? [options.root] : []) }));
    this.baselines = new Baselines((message) => this.log(message));
    this.settings = options.settings ?? DEFAULT_SETTINGS;
    this.updateSettings(this.settings);
  }

  /** Every rule id, JS/TS and Python: the vocabulary of loopguard.json, --rule and --only. */
  get ruleIds(): string[] {
    return this.allRules.map((rule) => rule.id);
  }

  /** A rule's definition; for a Python-only id, the Python rule (its metadata: id, severity, options, messages). */
  ruleById(id: string): RuleMetadata | undefined {
    return this.allRules.find((rule) => rule.id === id);
  }

  updateSettings(settings: LoopGuardSettings): void {
    this.settings = settings;
    this.unitCaches.clear();
    this.excludeMatchers = settings.exclude.map((glob) => new Minimatch(glob, { dot: true, matchBase: !glob.includes('/') }));
  }

  /** The base settings: the editor's or the command line's, before any loopguard.json. */
  getSettings(): LoopGuardSettings {
    return this.settings;
  }

  /** The configuration in force for a file (undefined when the engine reads no config files). */
  configFor(fileName: string): ResolvedConfig | undefined {
    return this.config?.resolve(fileName, this.settings);
  }

  /** The settings that apply to a file: its loopguard.json on top of the base, personal severities on top of that. */
  settingsFor(fileName: string): LoopGuardSettings {
    return this.configFor(fileName)?.settings ?? this.settings;
  }

  /** A loopguard.json changed (or appeared, or went): read them again; cached findings may be stale. */
  configChanged(): void {
    this.config?.invalidate();
    this.unitCaches.clear();
    this.amendedCatalogues.clear();
  }

  /** The file is no longer open: its cached units go (the editor's memory must not grow with every file opened). */
  forgetFile(fileName: string): void {
    this.unitCaches.delete(fileName);
  }

  /** Files with cached units (for the memory test). */
  cachedFileCount(): number {
    return this.unitCaches.size;
  }

  severityOf(rule: Pick<RuleMetadata, 'id' | 'defaultSeverity'>, settings: LoopGuardSettings = this.settings): SeveritySetting {
    return settings.rules[rule.id] ?? rule.defaultSeverity;
  }

  /** Off in settings, or not a rule of ours (then its directive is not ours to judge either). */
  private isRuleOff(ruleId: string, settings: LoopGuardSettings): boolean {
    const rule = this.ruleById(ruleId);
    return !rule || this.severityOf(rule, settings) === 'off';
  }

  /** The catalogue a file's config makes, with the blocking summaries computed against it. */
  private catalogueFor(resolved: ResolvedConfig | undefined): { catalogue: BlockingCatalogue; summaries: BlockingSummaries } {
    const catalogue = resolved ? new BlockingCatalogue(resolved.blocking) : BlockingCatalogue.DEFAULT;
    if (!catalogue.fingerprint) return { catalogue: BlockingCatalogue.DEFAULT, summaries: this.blockingSummaries };
    let amended = this.amendedCatalogues.get(catalogue.fingerprint);
    if (!amended) {
      amended = { catalogue, summaries: new BlockingSummaries() };
      this.amendedCatalogues.set(catalogue.fingerprint, amended);
    }
    return amended;
  }

  isAnalysable(fileName: string): boolean {
    return ANALYSABLE.test(fileName) && !fileName.endsWith('.d.ts') && !fileName.includes(`${path.sep}node_modules${path.sep}`);
  }

  /** Not analysed: matched by the editor's or the CLI's `exclude`, or by `ignores` in the file's loopguard.json. */
  isExcluded(fileName: string): boolean {
    if (this.configFor(fileName)?.ignored) return true;
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
    const tooLarge = reasonToSkipBySize(this.host.textOf(fileName)?.length ?? fileSize(fileName));
    if (tooLarge) {
      // Checked before parsing: parsing a multi-megabyte file is itself the cost we want to avoid.
      notes.push(`${fileName}: skipped, ${tooLarge}.`);
      return empty(this.host.textOf(fileName) ?? '');
    }
    if (isPythonFile(fileName)) return this.analyzePythonFile(fileName, notes);
    let sourceFile: ts.SourceFile;
    let program: ts.Program;
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
      return this.analyzeSourceFile(fileName, sourceFile, program, notes, this.configFor(fileName));
    } catch (error) {
      // Rules' own failures are contained in runRules; this is the walk or suppressions giving up.
      const reason = isStackOverflow(error) ? 'it is nested too deeply to analyse' : `analysis failed (${errorMessage(error)})`;
      notes.push(`${fileName}: skipped, ${reason}.`);
      if (!isStackOverflow(error)) this.log(`${fileName}: analysis failed`, error instanceof Error ? error.stack : undefined);
      return empty(sourceFile.text);
    }
  }

  /** analyzeFile for a Python file (its size already checked). */
  private analyzePythonFile(fileName: string, notes: string[]): FileReport {
    let text = '';
    const empty = (why: string): FileReport => {
      notes.push(`${fileName}: skipped, ${why}.`);
      return { fileName, text, findings: [], notes };
    };
    try {
      text = this.host.textOf(fileName) ?? fs.readFileSync(fileName, 'utf8');
    } catch (error) {
      notes.push(`${fileName}: could not be read (${errorMessage(error)}).`);
      return { fileName, text, findings: [], notes };
    }
    const skip = reasonToSkip(text) ?? pythonUnavailable();
    if (skip) return empty(skip);
    try {
      const config = this.configFor(fileName);
      const settings = config?.settings ?? this.settings;
      const module = this.pythonProject.moduleOf(fileName, text);
      if (!module) return empty('it could not be parsed');
      const tree = module.tree;
      const ruleFailures: RuleFailure[] = [];
      const failedRules = new Set<string>();
      const findings = runPythonRules({
        module,
        project: { ...this.pythonContext, resolve: (qualifiedName) => this.pythonProject.resolve(qualifiedName, fileName) },
        rules: this.options.pythonRules ?? [],
        settings,
        severityOf: (rule) => this.severityOf(rule, settings),
        ruleFailed: (rule, error) => this.ruleFailed(rule, fileName, error, notes, failedRules, ruleFailures),
      });
      const lines = linesOf(module);
      const root = tree.rootNode;
      const newline = newlineOf({ text });
      return this.finishReport(
        fileName,
        {
          text,
          lines,
          directives: parsePythonDirectives(root, text, lines),
          keyOf: (finding) => pythonFindingKey(root, text, finding.start, finding.end),
          ignoreEdit: (finding) => (continuesStatement(root, lines.lineStart(lines.positionAt(finding.start).line)) ? undefined : ignoreNextLineEdit(finding, lines, newline, '#')),
        },
        findings,
        notes,
        ruleFailures,
        settings,
      );
    } catch (error) {
      // Rules' own failures are contained in runPythonRules; this is the parse or the suppressions giving up.
      this.log(`${fileName}: analysis failed`, error instanceof Error ? error.stack : undefined);
      return empty(`analysis failed (${errorMessage(error)})`);
    }
  }

  private analyzeSourceFile(fileName: string, sourceFile: ts.SourceFile, program: ts.Program, notes: string[], config: ResolvedConfig | undefined): FileReport {
    const lines = new LineMap(sourceFile.text);
    const ruleFailures: RuleFailure[] = [];
    const settings = config?.settings ?? this.settings;
    const findings = this.runRules(sourceFile, program, notes, ruleFailures, settings, config);
    const newline = newlineOf(sourceFile);
    return this.finishReport(
      fileName,
      {
        text: sourceFile.text,
        lines,
        directives: parseDirectives(sourceFile.text, lines),
        keyOf: (finding) => findingKey(sourceFile, finding.start, finding.end),
        ignoreEdit: (finding) => (startsInsideLiteral(sourceFile, lines.lineStart(lines.positionAt(finding.start).line)) ? undefined : ignoreNextLineEdit(finding, lines, newline)),
      },
      findings,
      notes,
      ruleFailures,
      settings,
    );
  }

  /**
   * What every language's findings go through: suppression directives (and hints on the unused
   * ones), the baseline, and the "Ignore <rule> on this line (with a reason)" fix.
   */
  private finishReport(fileName: string, file: AnalysedText, findings: Finding[], notes: string[], ruleFailures: RuleFailure[], settings: LoopGuardSettings): FileReport {
    const { text, lines, directives } = file;
    const kept = applySuppressions(findings, directives, lines);
    // A directive naming a rule that failed may well be used: its findings are missing, not absent.
    const failed = (id: string) => ruleFailures.some((failure) => failure.ruleId === id);
    for (const directive of directives) {
      if (directive.used || directive.eslint || directive.noqa || directive.rules.some((id) => this.isRuleOff(id, settings) || failed(id)) || (directive.rules.length === 0 && ruleFailures.length > 0)) continue;
      kept.push({
        ruleId: UNUSED_SUPPRESSION_RULE,
        severity: 'hint',
        message: `This loopguard-ignore-${directive.kind} directive suppresses nothing${directive.rules.length ? ` (${directive.rules.join(', ')})` : ''}; remove it.`,
        concept: '',
        fileName,
        start: directive.start,
        end: directive.end,
        unnecessary: true,
        fixes: [{ title: 'Remove unused loopguard-ignore directive', kind: 'safe', edits: [removeDirectiveEdit(fileName, text, directive.start, directive.end)] }],
      });
    }
    kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    // The baseline (loopguard-suppressions.json) drops the findings it accepted; stale entries come back as hints on it.
    const judged = (id: string) => !failed(id) && (id === UNUSED_SUPPRESSION_RULE ? ruleFailures.length === 0 : !this.isRuleOff(id, settings));
    const baselined = this.baselines.apply(fileName, kept, file.keyOf, judged);
    const reported = baselined.findings;
    for (const finding of reported) {
      if (finding.ruleId === UNUSED_SUPPRESSION_RULE) continue;
      // Not where the line starts inside a string or continues the line above (a comment there would be text, or break the statement).
      const edit = file.ignoreEdit(finding);
      if (!edit) continue;
      const fix: Fix = { title: `Ignore ${finding.ruleId} on this line (with a reason)`, kind: 'suggestion', ignore: true, edits: [edit] };
      finding.fixes = [...finding.fixes, fix];
    }
    return {
      fileName,
      text,
      findings: reported,
      notes,
      ...(ruleFailures.length > 0 ? { ruleFailures } : {}),
      baseline: baselined.outcome,
    };
  }

  private runRules(
    sourceFile: ts.SourceFile,
    program: ts.Program,
    notes: string[],
    failures: RuleFailure[],
    settings: LoopGuardSettings,
    config: ResolvedConfig | undefined,
  ): Finding[] {
    const fileUnits = units(sourceFile);
    // What each unit's walk reads beyond the unit is recorded (see unitReads.ts): rules and the
    // analysis helpers get a checker that notes every node it is handed and every declaration it returns.
    // A unit is named by its text and which occurrence of that text it is (not by its index, which an inserted unit shifts).
    const caching = this.options.unitCache !== false;
    const unitIds = caching ? unitIdsOf(sourceFile, fileUnits) : [];
    const reads = new UnitReads(sourceFile, fileUnits.map((unit) => ({ node: unit.node, cached: unit.kind === 'cached' })), unitIds);
    const realChecker = program.getTypeChecker();
    const checker = caching ? reads.recordingChecker(realChecker) : realChecker;
    const { catalogue, summaries } = this.catalogueFor(config);
    const analysis = new Analysis(checker, program, summaries, catalogue);
    const failedRules = new Set<string>();
    const dispatch = new Map<ts.SyntaxKind, { rule: RuleDefinition; visit: (node: ts.Node) => void }[]>();
    const enabled: RuleDefinition[] = [];
    // Where reports go: the findings of the part of the file being walked, by rule.
    let sink = new Map<string, Finding[]>();
    // Set by a rule (RuleContext.dependsOnOtherUnits: it read other units by walking the tree) while a unit is walked: its findings are not cached.
    let uncacheable = false;

    for (const rule of this.rules) {
      const severity = this.severityOf(rule, settings);
      if (severity === 'off') continue;
      enabled.push(rule);
      const context: RuleContext = {
        sourceFile,
        program,
        checker,
        analysis,
        settings,
        report: (report) => {
          const finding = this.toFinding(rule, severity, report, sourceFile);
          const list = sink.get(rule.id);
          if (list) list.push(finding);
          else sink.set(rule.id, [finding]);
        },
        dependsOnOtherUnits: () => {
          uncacheable = true;
        },
      };
      try {
        const visitors = rule.create(context);
        for (const [kind, visit] of Object.entries(visitors)) {
          const list = dispatch.get(Number(kind)) ?? [];
          list.push({ rule, visit: visit as (node: ts.Node) => void });
          dispatch.set(Number(kind), list);
        }
      } catch (error) {
        this.ruleFailed(rule, sourceFile.fileName, error, notes, failedRules, failures);
      }
    }

    const visitNode = (node: ts.Node): void => {
      const handlers = dispatch.get(node.kind);
      if (!handlers) return;
      for (const { rule, visit } of handlers) {
        if (failedRules.has(rule.id)) continue;
        try {
          visit(node);
        } catch (error) {
          this.ruleFailed(rule, sourceFile.fileName, error, notes, failedRules, failures);
        }
      }
    };
    // Pre-order walk with an explicit stack: generated code nests expressions thousands deep
    // (long `a + b + ...` chains), which would overflow a recursive walk.
    const stack: ts.Node[] = [];
    const children: ts.Node[] = [];
    const collect = (child: ts.Node): void => {
      children.push(child);
    };
    const walk = (root: ts.Node): void => {
      stack.push(root);
      while (stack.length > 0) {
        const node = stack.pop()!;
        visitNode(node);
        children.length = 0;
        ts.forEachChild(node, collect);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
    };

    const collectFindings = (parts: Map<string, Finding[]>[]): Finding[] => {
      const findings: Finding[] = [];
      for (const rule of enabled) {
        if (failedRules.has(rule.id)) continue;
        for (const part of parts) {
          const list = part.get(rule.id);
          if (list) findings.push(...list);
        }
      }
      return findings;
    };
    if (!caching) {
      const whole = new Map<string, Finding[]>();
      sink = whole;
      walk(sourceFile);
      return collectFindings([whole]);
    }

    // The file is walked unit by unit (see units()), in document order, so that the findings come
    // out in the order of one pre-order walk. A unit whose cache key is unchanged is not walked:
    // its findings are the cached ones, moved to where the unit is now.
    const { identity, units: cachedUnits } = this.unitCacheFor(sourceFile, config?.fingerprint ?? '');
    // Unit shapes depend on each unit's text alone: kept whatever else changed.
    const shapes = this.unitCaches.get(sourceFile.fileName)?.shapes ?? new ShapeMemo();
    const next: FileUnitCache = { ...identity, units: new Map(), shapes };
    const parts: Map<string, Finding[]>[] = [];
    const walkPart = (run: () => void): Map<string, Finding[]> => {
      sink = new Map();
      uncacheable = false;
      run();
      parts.push(sink);
      return sink;
    };
    // What another unit's walk read of a unit: its text (a cached unit, by its id), or the shapes of a whole class (its shell's unit).
    const readIds: string[] = [];
    const indexOfRead = new Map<string, number>();
    const positionOf = (index: number): string => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(fileUnits[index].node.pos);
      return `${line}:${character}`;
    };
    const bindings = importBindings(sourceFile);
    const stillRead = (read: CachedUnit['reads']) => read.every((id) => indexOfRead.has(id) || bindings.has(id));
    const stillFound = (found: CachedUnit['facts']) => found.every(([name, digest]) => reads.digest(name, realChecker) === digest);
    const stillAt = (at: CachedUnit['at']) => !at || at.every(([id, position]) => indexOfRead.has(id) && positionOf(indexOfRead.get(id)!) === position);
    const stopWatchingLines = reads.watchLines();
    const deactivate = reads.activate();
    try {
      walkPart(() => visitNode(sourceFile));
      const dependencies = isTypeScriptFile(sourceFile) ? shapeDependencies(sourceFile, fileUnits, shapes) : { keys: new Map<number, string>(), classes: new Map<number, string>() };
      fileUnits.forEach((unit, index) => {
        const classDigest = dependencies.classes.get(index);
        readIds[index] = unit.kind === 'cached' ? unitIds[index] : classDigest !== undefined ? `class\u0000${classDigest}` : '';
        if (readIds[index]) indexOfRead.set(readIds[index], index);
      });
      for (const [index, unit] of fileUnits.entries()) {
        if (unit.kind === 'always') {
          walkPart(() => {
            visitNode(unit.node);
            for (const child of unit.children) walk(child);
          });
          continue;
        }
        const start = unit.node.pos;
        const key = `${unitIds[index]}\u0000${dependencies.keys.get(index) ?? ''}`;
        const cached = cachedUnits.get(key);
        if (cached && stillRead(cached.reads) && stillAt(cached.at) && stillFound(cached.facts)) {
          this.stats.unitsReused++;
          next.units.set(key, cached);
          parts.push(copyFindings(cached.findings, start - cached.start, sourceFile.fileName));
          continue;
        }
        this.stats.unitsAnalysed++;
        const failuresBefore = failedRules.size;
        reads.start();
        const projectWide = projectWideReads();
        const found = walkPart(() => walk(unit.node));
        const read = reads.stop();
        // Who calls a function, across the program (blockingReach.ts): any unit of this file may call it.
        if (projectWideReads() !== projectWide) fileUnits.forEach((_, other) => read.units.add(other));
        if (!uncacheable && failedRules.size === failuresBefore && staysWithin(found, start, unit.node.end, sourceFile.fileName)) {
          const others = [...read.units].filter((other) => other !== index && readIds[other]);
          next.units.set(key, {
            start,
            reads: [...others.map((other) => readIds[other]), ...read.bindings],
            facts: [...read.facts].map((name) => [name, reads.digest(name, realChecker)] as [string, string | undefined]),
            ...(read.lines || namesLines(found) ? { at: [index, ...others].map((other) => [readIds[other], positionOf(other)] as [string, string]) } : {}),
            findings: copyFindings(found, 0, sourceFile.fileName),
          });
        }
      }
    } finally {
      deactivate();
      stopWatchingLines();
    }
    this.unitCaches.set(sourceFile.fileName, next);
    return collectFindings(parts);
  }

  /**
   * The cached units of a file, when they can still be used: same projects and config in force (base settings need no check:
   * updateSettings empties the caches), no other file changed since, and, in a JavaScript file, the
   * same text (in a TypeScript file, each unit's key holds what it depends on: see unitShapes.ts).
   * Otherwise an empty cache.
   */
  private unitCacheFor(sourceFile: ts.SourceFile, config: string): { identity: FileUnitIdentity; units: Map<string, CachedUnit> } {
    const identity: FileUnitIdentity = {
      config,
      generation: this.host.generation,
      others: this.host.changesOutside(sourceFile.fileName),
      // TypeScript: any edit keeps the cache, each unit's key holds the shapes it depends on (unitShapes.ts).
      fingerprint: isTypeScriptFile(sourceFile) ? '' : sourceFile.text,
    };
    const previous = this.unitCaches.get(sourceFile.fileName);
    if (
      previous &&
      previous.config === identity.config &&
      previous.generation === identity.generation &&
      previous.others === identity.others &&
      previous.fingerprint === identity.fingerprint
    ) {
      return { identity, units: previous.units };
    }
    return { identity, units: new Map() };
  }

  /** A rule that throws loses only its own results for this file; the error is logged once per file and rule. */
  private ruleFailed(rule: Pick<RuleMetadata, 'id'>, fileName: string, error: unknown, notes: string[], failed: Set<string>, failures: RuleFailure[]): void {
    failed.add(rule.id);
    const note = `rule ${rule.id} failed on ${fileName}: ${errorMessage(error)}`;
    notes.push(note);
    failures.push({ ruleId: rule.id, fileName, message: errorMessage(error) });
    const key = `${rule.id}\u0000${fileName}`;
    if (!this.reportedRuleErrors.has(key)) {
      this.reportedRuleErrors.add(key);
      this.log(note, error instanceof Error ? error.stack : undefined);
    }
  }

  private toFinding(rule: RuleDefinition, severity: Severity, report: RuleReport, sourceFile: ts.SourceFile): Finding {
    return findingOf(rule, severity, report, { fileName: sourceFile.fileName, start: report.node.getStart(sourceFile), end: report.node.getEnd() });
  }

}

export { REASON_PLACEHOLDER };

// ---------------------------------------------------------------- per-unit findings cache
//
// A unit is a top-level statement, or a member of a top-level class (the class itself, its name,
// decorators and heritage are walked every time). Rules see the whole program, so a unit's
// findings can depend on anything. The contract, which names no rule:
// - other files: any change elsewhere (ProjectHost.changesOutside) empties the file's cache;
// - this file, as the checker sees it (TypeScript files): the key holds the outward shapes
//   (unitShapes.ts) of the units it reaches by name, of the file-wide statements and, for a member,
//   of its class's shell. A shape is what other units can observe through the checker: the unit's
//   tokens (no comments or whitespace) without the bodies of functions whose return type is
//   declared; an import is a shape per name. So an edit that leaves every shape alone (a body, a
//   comment, whitespace, a new member nobody names) keeps every other unit's key. In JavaScript
//   files (types come from code anywhere: `this.x =`, JSDoc), any change to the text empties the cache;
// - what the rules read, as they read it: while a unit is walked, the engine records
//   (unitReads.ts) every unit whose nodes the checker was handed or handed back (a callee's
//   declaration, whose body a rule then reads; a top-level class, whose type is then the whole
//   class; an imported name); the unit is reused only while each recorded unit has the text it had
//   (a class: the same shapes; an imported name: the same binding), and each scan of the whole file
//   an analysis helper made for it (noted with noteFileFact) still finds the same things. A unit
//   that asked who calls a function across the program (projectReads.ts) depends on every unit's text.
//   Answers an analysis helper memoises across units (computed for one unit, reused by the next
//   without asking the checker again) are covered by the shapes reached by name only: a memoised
//   answer about another unit's body must be declared (noteFileFact / noteFileScan / dependsOnOtherUnits);
// - reads the recorder cannot see (a walk of the file's tree, the callers of a function) are declared
//   by the rule (RuleContext.dependsOnOtherUnits): that unit's findings are not cached;
// - the unit itself: its full text (a digest, and which occurrence of that text it is); when the walk used the
//   file's line map (recorded), or its findings hold line/column data, also the line and column where
//   it and every unit it read start.
// A unit's findings are cached only when they and their fix edits stay inside the unit (or in
// other files, which cannot change without emptying the cache) and no rule failed on it.

interface FileUnitIdentity {
  /** The config in force for the file (ResolvedConfig.fingerprint). */
  config: string;
  generation: number;
  others: number;
  fingerprint: string;
}

interface CachedUnit {
  /** Where the unit started when its findings were computed; offsets are moved by the difference. */
  start: number;
  /**
   * Other units of the file the walk read (recorded, see unitReads.ts): cached units by id (their
   * text and occurrence: valid while a unit with that text is there), whole classes by the digest of
   * their shapes, imported names by what they bind (unitShapes.ts, importBinding).
   */
  reads: string[];
  /** Scans of the whole file an analysis helper made for the walk (recorded), with what they found. */
  facts: [string, string | undefined][];
  /**
   * When the walk used the file's line map (recorded) or the findings hold line/column data: where
   * the unit and the units it read started (line:column, by id); valid only while they still do.
   */
  at?: [string, string][];
  findings: Map<string, Finding[]>;
}

interface FileUnitCache extends FileUnitIdentity {
  units: Map<string, CachedUnit>;
  /** What each unit shows of itself (unitShapes.ts), by its text. */
  shapes: ShapeMemo;
}

type Unit = { kind: 'cached'; node: ts.Node } | { kind: 'always'; node: ts.Node; children: ts.Node[] };

/** The file's units in document order; a top-level class contributes its shell, then its members. */
function units(sourceFile: ts.SourceFile): Unit[] {
  const result: Unit[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isClassDeclaration(statement)) {
      result.push({ kind: 'cached', node: statement });
      continue;
    }
    const shell: ts.Node[] = [];
    const members: ts.Node[] = [];
    ts.forEachChild(statement, (child) => {
      (child.parent === statement && ts.isClassElement(child) ? members : shell).push(child);
    });
    result.push({ kind: 'always', node: statement, children: shell });
    for (const member of members) result.push({ kind: 'cached', node: member });
  }
  result.push({ kind: 'always', node: sourceFile.endOfFileToken, children: [] });
  return result;
}

/**
 * For each unit (by index): a digest of its text and which occurrence of that text it is, for a
 * cached unit; '' for the others. (Digests, not texts: the cache keeps no slice of an old text alive.)
 */
function unitIdsOf(sourceFile: ts.SourceFile, fileUnits: Unit[]): string[] {
  const seen = new Map<string, number>();
  return fileUnits.map((unit) => {
    if (unit.kind !== 'cached') return '';
    const text = createHash('sha256').update(sourceFile.text.slice(unit.node.pos, unit.node.end)).digest('base64');
    const occurrence = (seen.get(text) ?? 0) + 1;
    seen.set(text, occurrence);
    return `${occurrence}:${text}`;
  });
}

/** Findings holding line/column data (related locations, edits with a range): valid only where the unit was. */
function namesLines(byRule: Map<string, Finding[]>): boolean {
  for (const findings of byRule.values()) {
    for (const finding of findings) {
      if (finding.related?.some((related) => related.range)) return true;
      if (finding.fixes.some((fix) => fix.edits.some((edit) => edit.range))) return true;
    }
  }
  return false;
}

/** True when every finding, fix edit and related location in this file lies inside [start, end). */
function staysWithin(byRule: Map<string, Finding[]>, start: number, end: number, fileName: string): boolean {
  const inside = (item: { fileName: string; start: number; end: number }) => item.fileName !== fileName || (item.start >= start && item.end <= end);
  for (const findings of byRule.values()) {
    for (const finding of findings) {
      if (finding.fileName !== fileName || !inside(finding)) return false;
      if (finding.related && !finding.related.every(inside)) return false;
      for (const fix of finding.fixes) if (!fix.edits.every(inside)) return false;
    }
  }
  return true;
}

/** Copies of the findings with this file's offsets moved by `delta` (the engine adds to findings later). */
function copyFindings(byRule: Map<string, Finding[]>, delta: number, fileName: string): Map<string, Finding[]> {
  const move = <T extends { fileName: string; start: number; end: number }>(item: T): T =>
    item.fileName === fileName ? { ...item, start: item.start + delta, end: item.end + delta } : { ...item };
  const copy = new Map<string, Finding[]>();
  for (const [ruleId, findings] of byRule) {
    copy.set(
      ruleId,
      findings.map((finding) => ({
        ...move(finding),
        fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(move) })),
        ...(finding.related ? { related: finding.related.map(move) } : {}),
      })),
    );
  }
  return copy;
}

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
function removeDirectiveEdit(fileName: string, text: string, start: number, end: number): TextEdit {
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  const aloneOnLine = lineStart === 0 || text[lineStart - 1] === '\n' || text[lineStart - 1] === '\r';
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  const atLineEnd = lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r';
  if (aloneOnLine && atLineEnd) {
    if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') lineEnd += 2;
    else if (lineEnd < text.length) lineEnd += 1;
    return { fileName, start: lineStart, end: lineEnd, newText: '' };
  }
  let trimmedStart = start;
  while (trimmedStart > 0 && (text[trimmedStart - 1] === ' ' || text[trimmedStart - 1] === '\t')) trimmedStart--;
  return { fileName, start: atLineEnd ? trimmedStart : start, end, newText: '' };
}
