// What a rule is. One rule = one file under server/src/rules/ exporting a RuleDefinition;
// the registry (server/src/rules/index.ts) lists them.
import type { Analysis } from './analysis';
import type { ts } from './compiler';
import { lowerSeverity } from './findings';
import type { Finding, Fix, RelatedLocation, Severity } from './findings';
import type { LoopGuardSettings } from './settings';
import type { SettingTable } from './settingSpec';

/** What a rule reports; `Node` is the syntax tree's node type (TypeScript's, or tree-sitter's for Python rules). */
export interface RuleReport<MessageId extends string = string, Node = ts.Node> {
  /** The node the squiggle covers (the callee, not the whole statement). */
  node: Node;
  messageId: MessageId;
  /** Values for `{placeholders}` in the message. */
  data?: Record<string, string>;
  /** Overrides the rule's concept when one finding belongs to a more specific page. */
  concept?: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /**
   * The highest severity this finding may have. Severity carries the risk: a promise that is
   * dropped but cannot reject is `info` (its work runs unordered), whatever the rule's severity;
   * a rule set lower than this keeps its own.
   */
  severityCap?: Severity;
}

export interface RuleContext<MessageId extends string = string> {
  readonly sourceFile: ts.SourceFile;
  readonly program: ts.Program;
  readonly analysis: Analysis;
  /** The settings in force (safePromises, jsxHandlers, ...). */
  readonly settings: LoopGuardSettings;
  report(report: RuleReport<MessageId>): void;
  /**
   * The checker used to resolve anything: the engine records what it is handed and hands back (the
   * declarations, and so the other units, a rule looks into), which keys the per-unit findings cache.
   */
  readonly checker: ts.TypeChecker;
  /**
   * The findings of the part of the file being walked depend on other parts of the same file in
   * ways the checker does not show: a walk of the syntax tree beyond the node's unit (a scan of the
   * file, the callers of a function), or a result memoised from such a walk. Call it on every use,
   * before any memo: the part's findings are then not cached. Reading a declaration the checker
   * returned (a callee's body) needs no call: it is recorded. Line numbers taken from the
   * SourceFile's methods are recorded too.
   */
  dependsOnOtherUnits?(): void;
}

/** Callbacks by syntax kind, called once per node during the engine's single walk of a file. */
export type RuleVisitors = Partial<Record<ts.SyntaxKind, (node: never) => void>>;

/**
 * A rule's documentation, rendered on its page docs/rules/<id>.md by `npm run gen`. Markdown strings;
 * code in backticks.
 */
export interface RuleDocs {
  /** What the rule finds: the shapes reported, and where the squiggle goes. */
  what: string;
  /** Why it matters: what goes wrong at run time. */
  why: string;
  /** What is deliberately not reported, one item each, with the reason ("report a risk, not a shape"). */
  notReported: string[];
  /** How the severity follows the risk: which findings are info, which stay at the rule's severity. */
  severity?: string;
  /** How the reference tool (typescript-eslint, eslint-plugin-n) behaves, and where this rule differs. */
  reference?: string;
  /**
   * Short snippets, TypeScript: each `invalid` gets at least one finding of this rule, each `valid`
   * none (test/gen.test.mjs analyses them). `file` names the file they are analysed as
   * (default `example.ts`; `example.test.ts` for a test file).
   */
  examples: readonly RuleExample[];
}

export interface RuleExample {
  invalid: string;
  valid: string;
  file?: string;
}

export interface RuleDefinition<MessageId extends string = string> {
  id: string;
  /** Slug of the concept page under docs/concepts/. */
  concept: string;
  defaultSeverity: Severity;
  /** One line for the README, the SARIF rule list and `--help`. */
  description: string;
  /** The rule page's sections: what, why, what is not reported, severity, reference, examples. */
  docs: RuleDocs;
  messages: Record<MessageId, string>;
  /** Which fixes never change behaviour (and so run in fix-all), in words, for the docs. */
  fixAllSafe?: string;
  /** The README rule table's "what it finds", when `description` is too long or too plain for it. */
  summary?: string;
  /**
   * The concept pages this rule points to, primary (`concept`) first, each with the line the page's
   * "Rules that point here" shows for this rule (`npm run gen` writes those sections).
   */
  concepts: Readonly<Record<string, string>>;
  /** This rule's line on the background pages that list every rule (BACKGROUND_CONCEPTS: coroutines, event-loop). */
  background?: Readonly<Record<string, string>>;
  /**
   * The rule's own settings (`loopguard.<key>`, read as `context.settings.<key>`): schema, default,
   * descriptions, normaliser. Gathered into the settings table from the registry.
   */
  options?: SettingTable;
  create(context: RuleContext<MessageId>): RuleVisitors;
}

/** What a rule is apart from its detection: the same for a TypeScript and a Python rule. */
export type RuleMetadata = Omit<RuleDefinition, 'create'>;

/**
 * One definition per rule id over both languages: the TypeScript rules, then the Python rules whose
 * id no TypeScript rule has (a Python twin shares its TS rule's id, severity, page and options).
 */
export function onePerId(typescript: readonly RuleMetadata[], python: readonly RuleMetadata[]): RuleMetadata[] {
  return [...typescript, ...python.filter((rule) => !typescript.some((other) => other.id === rule.id))];
}

/**
 * Declares a rule. With `options`, leave the message ids to inference (`defineRule({ ... })`) so the
 * options' types reach LoopGuardSettings through the registry.
 */
export function defineRule<MessageId extends string, const Options extends SettingTable>(
  rule: Omit<RuleDefinition<MessageId>, 'options'> & { options: Options },
): Omit<RuleDefinition<MessageId>, 'options'> & { options: Options };
export function defineRule<MessageId extends string>(rule: RuleDefinition<MessageId>): RuleDefinition<MessageId>;
export function defineRule<MessageId extends string>(rule: RuleDefinition<MessageId>): RuleDefinition<MessageId> {
  return rule;
}

/** What a rule's report becomes once its node is placed (TypeScript and Python rules alike). */
export function findingOf(
  rule: Pick<RuleDefinition, 'id' | 'messages' | 'concept'>,
  severity: Severity,
  report: Pick<RuleReport, 'messageId' | 'data' | 'concept' | 'fixes' | 'related' | 'severityCap'>,
  at: { fileName: string; start: number; end: number },
): Finding {
  const template = rule.messages[report.messageId] ?? report.messageId;
  return {
    ruleId: rule.id,
    severity: report.severityCap ? lowerSeverity(severity, report.severityCap) : severity,
    message: formatMessage(template, report.data),
    concept: report.concept ?? rule.concept,
    ...at,
    fixes: report.fixes ?? [],
    ...(report.related?.length ? { related: report.related } : {}),
  };
}

export function formatMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? data[key] : whole));
}

/** A related location (a step of a call chain, say) for `report({ related })`. */
export function relatedLocation(node: ts.Node, message: string): RelatedLocation {
  const sourceFile = node.getSourceFile();
  const start = node.getStart(sourceFile);
  const end = node.getEnd();
  return {
    fileName: sourceFile.fileName,
    start,
    end,
    range: { start: sourceFile.getLineAndCharacterOfPosition(start), end: sourceFile.getLineAndCharacterOfPosition(end) },
    message,
  };
}
