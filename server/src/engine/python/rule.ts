// What a Python rule is: the same definition as a TypeScript rule (id, concepts, docs, messages,
// options, severity), with `language: 'python'` and detection over tree-sitter's syntax tree.
// A Python rule whose meaning is a TypeScript rule's takes the same id (`blocking-call`), so one
// severity in loopguard.json, one suppression and one baseline entry name both.
import type { RelatedLocation } from '../findings';
import type { RuleDefinition, RuleReport } from '../rule';
import type { LoopGuardSettings } from '../settings';
import type { PythonEventLoop } from './eventLoop';
import type { ModuleNames } from './names';
import type { SyntaxNode, Tree } from './parser';
import type { PythonProject, ResolvedDefinition } from './project';

/** One parsed Python module as the rules see it. */
export interface PythonModule {
  readonly fileName: string;
  readonly text: string;
  readonly tree: Tree;
  /** Name resolution inside this module (imports, aliases, scopes). */
  readonly names: ModuleNames;
}

export type PythonRuleReport<MessageId extends string = string> = RuleReport<MessageId, SyntaxNode>;

/** The project around the module: other modules, resolution of qualified names, event-loop code. */
export interface PythonProjectContext {
  /** The def (or class) a qualified name denotes in the project, seen from the module (`pkg.helpers.load`), through re-exports and aliases. */
  resolve(qualifiedName: string): ResolvedDefinition | undefined;
  /** Another module of the project, parsed (cached by text). */
  moduleOf(fileName: string): PythonModule | undefined;
  readonly model: PythonProject;
  readonly eventLoop: PythonEventLoop;
}

export interface PythonRuleContext<MessageId extends string = string> {
  readonly module: PythonModule;
  readonly project: PythonProjectContext;
  readonly settings: LoopGuardSettings;
  report(report: PythonRuleReport<MessageId>): void;
}

/** Callbacks by tree-sitter node type (`call`, `function_definition`, ...), called once per node during the engine's single walk. */
export type PythonRuleVisitors = Partial<Record<string, (node: SyntaxNode) => void>>;

export type PythonRuleDefinition<MessageId extends string = string> = Omit<RuleDefinition<MessageId>, 'create'> & {
  language: 'python';
  create(context: PythonRuleContext<MessageId>): PythonRuleVisitors;
};

export function definePythonRule<MessageId extends string>(rule: PythonRuleDefinition<MessageId>): PythonRuleDefinition<MessageId> {
  return rule;
}

/** A related location for `report({ related })` from a Python node. */
export function pythonRelatedLocation(fileName: string, node: SyntaxNode, message: string): RelatedLocation {
  return {
    fileName,
    start: node.startIndex,
    end: node.endIndex,
    range: {
      start: { line: node.startPosition.row, character: node.startPosition.column },
      end: { line: node.endPosition.row, character: node.endPosition.column },
    },
    message,
  };
}
