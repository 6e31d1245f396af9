// Runs the Python rules over one module: parse (incrementally, from the file's previous tree), one
// pre-order walk dispatching nodes by type to the rules' visitors, each rule's failure contained.
import * as path from 'node:path';
import type { Finding, Severity } from '../findings';
import { findingOf } from '../rule';
import type { LoopGuardSettings } from '../settings';
import { ModuleNames } from './names';
import { PythonParse, SyntaxNode, Tree, releaseParsed, reparsePython } from './parser';
import { namedNodesOfTypes } from './treeNodes';
import type { PythonModule, PythonProjectContext, PythonRuleDefinition, PythonRuleReport } from './rule';

/** The last parse of each Python file, for incremental re-parsing. Parses hold WebAssembly memory: `forget` frees one. */
export class PythonTrees {
  private readonly parses = new Map<string, PythonParse>();

  /**
   * `onParse`: called for every parse that runs (a new tree; not for a text unchanged since the last tree).
   * `isOpen`: whether the editor has the file open (it keeps tree-sitter's tree for the next edit).
   */
  constructor(
    private readonly onParse?: () => void,
    private readonly isOpen: (fileName: string) => boolean = () => false,
  ) {}

  parse(fileName: string, text: string): Tree {
    const previous = this.parses.get(fileName);
    let parse = reparsePython(text, previous);
    if (parse !== previous) this.onParse?.();
    // A file parsed for the first time and not open keeps only the copy: most of a project's files
    // are never edited, and tree-sitter's tree is needed only for an edit's incremental re-parse.
    if (!previous && !this.isOpen(fileName)) parse = releaseParsed(parse);
    this.parses.set(fileName, parse);
    return parse.tree;
  }

  forget(fileName: string): void {
    this.parses.get(fileName)?.parsed?.delete();
    this.parses.delete(fileName);
  }
}

/** The dotted module name a file has when nothing better is known: its base name (`pkg/__init__.py` → `pkg`). */
export function fallbackModuleName(fileName: string): { moduleName: string; isPackage: boolean } {
  const base = path.basename(fileName, '.py');
  if (base === '__init__') return { moduleName: path.basename(path.dirname(fileName)), isPackage: true };
  return { moduleName: base, isPackage: false };
}

export function pythonModule(fileName: string, text: string, tree: Tree, moduleName = fallbackModuleName(fileName)): PythonModule {
  return { fileName, text, tree, names: new ModuleNames(tree.rootNode, moduleName.moduleName, moduleName.isPackage) };
}

export interface PythonRuleRun {
  module: PythonModule;
  project: PythonProjectContext;
  rules: readonly PythonRuleDefinition[];
  settings: LoopGuardSettings;
  severityOf(rule: PythonRuleDefinition): Severity | 'off';
  /** Called once per rule that throws (its findings on the file are dropped). */
  ruleFailed(rule: PythonRuleDefinition, error: unknown): void;
}

export function runPythonRules(run: PythonRuleRun): Finding[] {
  const { module } = run;
  const findings = new Map<string, Finding[]>();
  const failed = new Set<string>();
  const dispatch = new Map<string, { rule: PythonRuleDefinition; visit: (node: SyntaxNode) => void }[]>();
  const enabled: PythonRuleDefinition[] = [];
  const fail = (rule: PythonRuleDefinition, error: unknown) => {
    if (failed.has(rule.id)) return;
    failed.add(rule.id);
    run.ruleFailed(rule, error);
  };
  for (const rule of run.rules) {
    const severity = run.severityOf(rule);
    if (severity === 'off') continue;
    enabled.push(rule);
    try {
      const visitors = rule.create({
        module,
        project: run.project,
        settings: run.settings,
        report: (report) => {
          const list = findings.get(rule.id) ?? [];
          list.push(toFinding(rule, severity, report, module.fileName));
          findings.set(rule.id, list);
        },
      });
      for (const [type, visit] of Object.entries(visitors)) {
        if (!visit) continue;
        const list = dispatch.get(type) ?? [];
        list.push({ rule, visit });
        dispatch.set(type, list);
      }
    } catch (error) {
      fail(rule, error);
    }
  }
  // The nodes of the visited types, in document order (pre-order), from the walk shared with the
  // summaries and scopes.
  const nodes = dispatch.size > 0 ? namedNodesOfTypes(module.tree, [...dispatch.keys()]) : [];
  for (const node of nodes) {
    for (const { rule, visit } of dispatch.get(node.type) ?? []) {
      if (failed.has(rule.id)) continue;
      try {
        visit(node);
      } catch (error) {
        fail(rule, error);
      }
    }
  }
  return enabled.filter((rule) => !failed.has(rule.id)).flatMap((rule) => findings.get(rule.id) ?? []);
}

function toFinding(rule: PythonRuleDefinition, severity: Severity, report: PythonRuleReport, fileName: string): Finding {
  return findingOf(rule, severity, report, { fileName, start: report.node.startIndex, end: report.node.endIndex });
}
