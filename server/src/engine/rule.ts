// What a rule is. One rule = one file under server/src/rules/ exporting a RuleDefinition;
// the registry (server/src/rules/index.ts) lists them.
import type { Analysis } from './analysis';
import type { ts } from './compiler';
import type { Fix, RelatedLocation, Severity } from './findings';
import type { LoopGuardSettings } from './settings';

export interface RuleReport<MessageId extends string = string> {
  /** The node the squiggle covers (the callee, not the whole statement). */
  node: ts.Node;
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

export interface RuleDefinition<MessageId extends string = string> {
  id: string;
  /** Slug of the concept page under docs/concepts/. */
  concept: string;
  defaultSeverity: Severity;
  /** One line for the README, the SARIF rule list and `--help`. */
  description: string;
  messages: Record<MessageId, string>;
  /** Which fixes never change behaviour (and so run in fix-all), in words, for the docs. */
  fixAllSafe?: string;
  create(context: RuleContext<MessageId>): RuleVisitors;
}

/** Helper for typed visitor maps: `visitor(ts.SyntaxKind.CallExpression, (node: ts.CallExpression) => ...)`. */
export function defineRule<MessageId extends string>(rule: RuleDefinition<MessageId>): RuleDefinition<MessageId> {
  return rule;
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
